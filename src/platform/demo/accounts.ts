import type { BodyRole } from '../auth/roles.js';

/** Invented people: one demo account per role of the domain's role list, and an administrator. */
export const demoAccounts: { email: string; name: string; title: string; role: BodyRole | 'admin' }[] = [
  { email: 'admin@example.org', name: 'Alva Administratör', title: 'Systemförvaltare', role: 'admin' },
  { email: 'ordforande@example.org', name: 'Karin Ekström', title: 'Hälso- och sjukvårdsdirektör', role: 'chair' },
  { email: 'vice.ordforande@example.org', name: 'Johan Björk', title: 'Socialchef', role: 'vice_chair' },
  { email: 'sekreterare@example.org', name: 'Sara Lindgren', title: 'Samordnare', role: 'secretary' },
  { email: 'processledare@example.org', name: 'Mikael Holm', title: 'Processledare', role: 'process_leader' },
  { email: 'sammankallande@example.org', name: 'Fatima Said', title: 'Verksamhetsutvecklare', role: 'convenor' },
  { email: 'ledamot@example.org', name: 'Elin Åberg', title: 'Medicinskt ansvarig sjuksköterska', role: 'member' },
  { email: 'ersattare@example.org', name: 'Olof Nyström', title: 'Enhetschef hemsjukvård', role: 'substitute' },
  { email: 'adjungerad@example.org', name: 'Lina Öberg', title: 'Apotekare', role: 'adjunct' },
  { email: 'sakkunnig@example.org', name: 'Peter Wallin', title: 'Överläkare', role: 'expert' },
  { email: 'lasare@example.org', name: 'Maria Ström', title: 'Utredare', role: 'reader' },
];
