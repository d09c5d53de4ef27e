import type { BodyRole } from '../../../platform/auth/roles.js';
import type { BodyKind, BodyLevel, ChairKindRule, MeetingPeriod, MinutesKind, PrincipalKind } from '../schema.js';

/*
 * The three demo structures, modelled on the seed documents: SSÖ (östra Östergötland),
 * SAMLA (Lerum–Alingsås) and the Örebro structure (Chefsgrupp → SAMS). Organisations are
 * real public bodies; every person is invented. A holder is a demo account's e-mail
 * address, or '*' for an invented person.
 */

export type Holder = string;

export interface SeatSpec {
  fn: string;
  principal?: string;
  org?: string;
  group?: { label: string; principals: string[] };
  kind?: PrincipalKind;
  surface?: string;
  /** Who holds it; null = vacant. */
  holder?: Holder | null;
  chair?: boolean;
  vice?: boolean;
  exOfficio?: { body: string; role: BodyRole };
}

export interface RoleSpec {
  holder: Holder;
  role: BodyRole;
  reason?: string;
  organisation?: string;
  /** For a substitute: the seat function whose holder it stands in for. */
  substituteFor?: string;
}

export interface BodySpec {
  key: string;
  slug: string;
  name: string;
  shortName?: string;
  parent?: string;
  level: BodyLevel;
  kind: BodyKind;
  isPublic?: boolean;
  minutesKind?: MinutesKind;
  substitutesAllowed?: boolean;
  size?: [number, number];
  meetings?: [number | null, number | null, MeetingPeriod];
  physical?: number;
  joint?: number;
  /** Years from now the body started (default 3) and, for temporary bodies, ended or ends (days from today). */
  activeToInDays?: number;
  chair?: { months: number; rule: ChairKindRule; first?: PrincipalKind; follows?: string; viceOther?: boolean };
  mandate?: { purpose: string; tasks?: string; responsibilities?: string; waysOfWorking?: string; approvedBy: string; approvedOn?: string };
  seats?: SeatSpec[];
  roles?: RoleSpec[];
  /** Members whose engagement ended last year (history). */
  formerMembers?: number;
}

interface StructureSpec {
  slug: string;
  name: string;
  shortName: string;
  description: string;
  principals: string[];
  categories: { kind: 'goal_area' | 'target_group'; name: string; crossCutting?: boolean }[];
  organisations: { principal: string; name: string; parent?: string; distributionList?: string[] }[];
  surfaces: { name: string; distributionList?: string[] }[];
  bodies: BodySpec[];
}

const SSO_KOMMUNER = ['Norrköpings kommun', 'Söderköpings kommun', 'Finspångs kommun', 'Valdemarsviks kommun'];
const RÖ = 'Region Östergötland';

function osoSeats(area: string): SeatSpec[] {
  return [
    ...SSO_KOMMUNER.flatMap((k) => [
      { fn: `Hälso- och sjukvård – ${area}`, principal: k },
      { fn: `Socialtjänst – ${area}`, principal: k },
      { fn: `Utbildning – ${area}`, principal: k },
    ]),
    { fn: 'Verksamhetschef närsjukvården', principal: RÖ, chair: true },
    { fn: 'Verksamhetschef specialistvården', principal: RÖ },
    { fn: 'Processamordnare', principal: RÖ },
    { fn: 'Representant LSÖ avvikelser (MAS)', principal: 'Norrköpings kommun' },
  ];
}

const ssoMandate = (what: string) => ({
  purpose: `${what} svarar för hur de konkreta uppdragen från SSÖ ska genomföras på kort och lång sikt och hur de lämnas vidare till lokala samverkansgrupper eller arbetsgrupper.`,
  tasks: [
    '- formulera tydliga uppdragsdirektiv med bakgrund, syfte, mätbara mål och tidplan',
    '- följa upp uppdragen och sprida kunskap om dem i respektive organisation',
    '- identifiera problem i pågående samverkan och behov av nya samverkansformer',
    '- lämna förslag till SSÖ om nya uppdrag och rapportera resultat till SSÖ',
  ].join('\n'),
  waysOfWorking: 'Gruppen sammanträder 6–8 gånger per år. Gruppen beslutar hur ordförande och sekreterare utses.',
  approvedBy: 'Strategisk Samverkan Öster, SSÖ',
});

export const demoStructures: StructureSpec[] = [
  {
    slug: 'sso',
    name: 'Strategisk Samverkan Öster, SSÖ',
    shortName: 'SSÖ',
    description: 'Samverkan mellan kommunerna i östra Östergötland och Region Östergötland i vård, omsorg och skola.',
    principals: [RÖ, ...SSO_KOMMUNER],
    categories: [
      { kind: 'goal_area', name: 'Barn- och ungdomsuppdraget' },
      { kind: 'goal_area', name: 'Äldreuppdraget' },
      { kind: 'goal_area', name: 'Genomförande av hemsjukvårdsreformen' },
      { kind: 'goal_area', name: 'IT-kommunikation (eHälsa)' },
      { kind: 'goal_area', name: 'Samverkan inom psykiatri- och socialpsykiatriområdet' },
      { kind: 'goal_area', name: 'Samverkan inom beroende- och missbruksområdet' },
      { kind: 'goal_area', name: 'Folkhälsofrågor' },
    ],
    organisations: [
      { principal: RÖ, name: 'Närsjukvården i Östergötland' },
      { principal: RÖ, name: 'Närsjukvården i östra Östergötland', parent: 'Närsjukvården i Östergötland', distributionList: ['narsjukvarden.ost@example.org'] },
      { principal: RÖ, name: 'Centrum för psykiatri' },
      { principal: 'Norrköpings kommun', name: 'Vård- och omsorgskontoret', distributionList: ['vok@example.org'] },
      { principal: 'Norrköpings kommun', name: 'Socialkontoret' },
      { principal: 'Norrköpings kommun', name: 'Utbildningskontoret' },
    ],
    surfaces: [],
    bodies: [
      {
        key: 'sso',
        slug: 'sso',
        name: 'Strategisk Samverkan Öster',
        shortName: 'SSÖ',
        level: 'strategic',
        kind: 'standing_group',
        isPublic: true,
        minutesKind: 'protocol',
        size: [13, 15],
        meetings: [3, 4, 'year'],
        joint: 1,
        chair: { months: 12, rule: 'alternate', first: 'region', viceOther: true },
        mandate: {
          purpose:
            'SSÖ svarar för övergripande strategiska drifts- och utvecklingsfrågor i samverkan mellan regionen och kommunerna i östra länsdelen, utifrån lagstiftning, nationella riktlinjer, statliga stimulansmedel och identifierade behov av förändring.',
          tasks:
            'SSÖ fastställer inför varje verksamhetsår en års- och aktivitetsplan med tydliga uppdrag till OSÖ-grupperna. Uppdragen har kort beskrivning, bakgrund, syfte, mål, förväntat resultat, slutdatum och resursåtgång.',
          waysOfWorking:
            'SSÖ sammanträder 3–4 gånger per år och har ett möte om året tillsammans med OSÖ-grupperna. Ordförandeskapet roterar mellan kommun och region. Ordföranden ser till att gruppen har sekreterare.',
          approvedBy: 'Strategisk Samverkan Öster, SSÖ',
          approvedOn: '2015-03-09',
        },
        seats: [
          ...SSO_KOMMUNER.flatMap((k) => [
            { fn: 'Förvaltningschef socialtjänst', principal: k, ...(k === 'Norrköpings kommun' ? { holder: 'vice.ordforande@example.org', vice: true } : {}) },
            { fn: 'Förvaltningschef utbildning', principal: k },
          ]),
          { fn: 'Närsjukvårdsdirektör', principal: RÖ, holder: 'ordforande@example.org', chair: true },
          { fn: 'Centrumchef primärvård', principal: RÖ },
          { fn: 'Centrumchef psykiatri', principal: RÖ },
          { fn: 'Centrumchef barn- och ungdomsmedicin', principal: RÖ },
          { fn: 'Ordförande OSÖ Barn och unga', exOfficio: { body: 'oso-barn', role: 'chair' } },
          { fn: 'Ordförande OSÖ Vuxna', exOfficio: { body: 'oso-vuxna', role: 'chair' } },
          { fn: 'Ordförande OSÖ Äldre', exOfficio: { body: 'oso-aldre', role: 'chair' } },
        ],
        roles: [
          { holder: 'sekreterare@example.org', role: 'secretary' },
          { holder: 'sakkunnig@example.org', role: 'expert', reason: 'Medicinsk sakkunnig i frågor om samsjuklighet' },
        ],
        formerMembers: 2,
      },
      {
        key: 'oso-barn',
        slug: 'oso-barn-och-unga',
        name: 'OSÖ Barn och unga 0–18/21 år',
        shortName: 'OSÖ Barn',
        parent: 'sso',
        level: 'operational',
        kind: 'standing_group',
        isPublic: true,
        size: [15, 18],
        meetings: [6, 8, 'year'],
        mandate: ssoMandate('OSÖ Barn och unga'),
        seats: osoSeats('barn och unga'),
        roles: [{ holder: '*', role: 'secretary' }],
      },
      {
        key: 'oso-vuxna',
        slug: 'oso-vuxna',
        name: 'OSÖ Vuxna med psykisk ohälsa, funktionsnedsättning och beroende',
        shortName: 'OSÖ Vuxna',
        parent: 'sso',
        level: 'operational',
        kind: 'standing_group',
        isPublic: true,
        size: [15, 18],
        meetings: [6, 8, 'year'],
        mandate: ssoMandate('OSÖ Vuxna'),
        seats: [...osoSeats('vuxna'), { fn: 'Representant Samordningsförbundet', kind: 'other' }],
        roles: [{ holder: '*', role: 'secretary' }],
      },
      {
        key: 'oso-aldre',
        slug: 'oso-aldre',
        name: 'OSÖ Äldre och vuxna med somatisk sjukdom',
        shortName: 'OSÖ Äldre',
        parent: 'sso',
        level: 'operational',
        kind: 'standing_group',
        isPublic: true,
        size: [15, 18],
        meetings: [6, 8, 'year'],
        mandate: ssoMandate('OSÖ Äldre'),
        seats: [...osoSeats('äldre'), { fn: 'Representant LSÖ Läkemedelsråd', principal: RÖ }],
        roles: [{ holder: '*', role: 'secretary' }],
      },
      {
        key: 'lso-avvikelser',
        slug: 'lso-avvikelser',
        name: 'LSÖ – avvikelser och systemfel mellan vårdgivare',
        shortName: 'LSÖ avvikelser',
        parent: 'oso-aldre',
        level: 'local',
        kind: 'working_group',
        meetings: [6, 6, 'year'],
        mandate: {
          purpose:
            'Gruppen verkar för att övergångarna mellan vårdgivare optimeras: väl fungerande kommunikation och informationsöverföring, goda kunskaper om vårdkedjan och väl fungerande rutiner. Uppdraget omfattar alla åldrar.',
          tasks:
            '- utveckla, uppdatera, förvalta och följa upp rutiner och överenskommelser\n- bevaka avvikelser som gäller samverkan och övergångar och initiera förbättringsåtgärder\n- vara motor i arbetet med riktlinjer för in- och utskrivning',
          waysOfWorking: 'Gruppen sammanträder 6 gånger per år.',
          approvedBy: 'OSÖ Äldre',
        },
        seats: [
          ...SSO_KOMMUNER.flatMap((k) => [
            { fn: 'Medicinskt ansvarig sjuksköterska', principal: k },
            { fn: 'Områdeschef eller enhetschef', principal: k },
          ]),
          { fn: 'Vårdenhetschef', principal: RÖ },
          { fn: 'Vårdplatskoordinator', principal: RÖ },
        ],
        roles: [{ holder: '*', role: 'convenor' }],
      },
      {
        key: 'lso-lakemedel',
        slug: 'lso-lakemedelsrad',
        name: 'LSÖ – Läkemedelsråd i östra länsdelen',
        shortName: 'Läkemedelsrådet',
        parent: 'oso-aldre',
        level: 'local',
        kind: 'council',
        meetings: [2, 3, 'termin'],
        mandate: {
          purpose:
            'Läkemedelsrådet ska effektivisera läkemedelshanteringen och minska andelen läkemedelsrelaterade problem hos patienter och brukare, för en säker läkemedelsanvändning i hela vårdkedjan.',
          tasks: '- vara rådgivande i läkemedelsfrågor\n- initiera och driva utvecklingsprojekt\n- rekommendera anvisningar och riktlinjer för östra länsdelen',
          waysOfWorking: 'Rådet sammanträder 2–3 gånger per termin och har en stående punkt på OSÖ:s möten.',
          approvedBy: 'OSÖ Äldre',
        },
        seats: [
          { fn: 'Specialistsjukvården', principal: RÖ },
          { fn: 'Primärvården', principal: RÖ },
          { fn: 'Kommunal hälso- och sjukvård', group: { label: 'kommunerna i östra länsdelen', principals: SSO_KOMMUNER } },
        ],
        roles: [{ holder: 'adjungerad@example.org', role: 'adjunct', reason: 'Apotekare, för läkemedelsgenomgångar' }],
      },
      {
        key: 'lso-sip',
        slug: 'lso-sip-finspang',
        name: 'LSÖ Samordnad individuell plan Finspång',
        parent: 'oso-vuxna',
        level: 'local',
        kind: 'working_group',
        activeToInDays: 200,
        seats: [
          { fn: 'Socialtjänst', principal: 'Finspångs kommun' },
          { fn: 'Psykiatrin', principal: RÖ },
        ],
      },
    ],
  },
  {
    slug: 'samla',
    name: 'SAMLA – vårdsamverkan Lerum Alingsås',
    shortName: 'SAMLA',
    description: 'Vårdsamverkan för invånare som behöver samordnade insatser från både kommun och region, i Lerum och Alingsås.',
    principals: ['Västra Götalandsregionen', 'Lerums kommun', 'Alingsås kommun', 'Göteborgsregionen (GR)', 'Privata vårdgivare i primärvården'],
    categories: [
      { kind: 'target_group', name: 'Barn och unga' },
      { kind: 'target_group', name: 'Personer med psykisk ohälsa, skadligt bruk och beroende' },
      { kind: 'target_group', name: 'Äldre' },
      { kind: 'target_group', name: 'Personer med funktionsnedsättningar', crossCutting: true },
      { kind: 'target_group', name: 'Personer som får vård i livets slutskede', crossCutting: true },
      { kind: 'goal_area', name: 'Omställningen till nära vård' },
    ],
    organisations: [
      { principal: 'Västra Götalandsregionen', name: 'Delregional nämnd västra' },
      { principal: 'Västra Götalandsregionen', name: 'Offentliga vårdcentraler' },
      { principal: 'Västra Götalandsregionen', name: 'Regionhälsan' },
      { principal: 'Västra Götalandsregionen', name: 'Habilitering och hälsa' },
      { principal: 'Västra Götalandsregionen', name: 'Tandvården' },
      { principal: 'Västra Götalandsregionen', name: 'Sjukhusen i väster' },
      { principal: 'Västra Götalandsregionen', name: 'Södra Älvsborgs sjukhus' },
      { principal: 'Lerums kommun', name: 'Vård och omsorg', distributionList: ['vardochomsorg@example.org'] },
      { principal: 'Lerums kommun', name: 'Individ- och familjeomsorg' },
      { principal: 'Alingsås kommun', name: 'Vård och omsorg' },
    ],
    surfaces: [],
    bodies: [
      {
        key: 'samla-pol',
        slug: 'politiska-samradsgruppen',
        name: 'Politiska samrådsgruppen SAMLA',
        shortName: 'Politiska samrådsgruppen',
        level: 'political',
        kind: 'council',
        isPublic: true,
        minutesKind: 'protocol',
        meetings: [2, 4, 'year'],
        chair: { months: 12, rule: 'alternate', first: 'municipality', viceOther: true },
        seats: [
          { fn: 'Förtroendevald, Västra hälso- och sjukvårdsnämnden', principal: 'Västra Götalandsregionen', vice: true },
          { fn: 'Förtroendevald, Västra hälso- och sjukvårdsnämnden (2)', principal: 'Västra Götalandsregionen' },
          { fn: 'Förtroendevald, Lerums kommun', principal: 'Lerums kommun', chair: true },
          { fn: 'Förtroendevald, Alingsås kommun', principal: 'Alingsås kommun' },
        ],
      },
      {
        key: 'samla-sg',
        slug: 'samordningsgruppen',
        name: 'Samordningsgruppen SAMLA',
        shortName: 'Samordningsgruppen',
        parent: 'samla-pol',
        level: 'strategic',
        kind: 'standing_group',
        isPublic: true,
        substitutesAllowed: false,
        meetings: [2, 3, 'termin'],
        chair: { months: 12, rule: 'follow_body', follows: 'samla-pol', viceOther: true },
        mandate: {
          purpose:
            'Samordningsgruppen samordnar, följer upp och utvecklar det gemensamma strategiska samverkansarbetet mellan kommun och region och fattar inriktningsbeslut som skapar tydlighet och framdrift i samverkan.',
          tasks:
            '- prioritera och fatta inriktningsbeslut i frågor om vårdsamverkan\n- upprätta en aktivitetsplan utifrån de prioriterade målområdena i samverkansplanen\n- bereda och hantera ärenden från NOSAM Lerum och Alingsås\n- besluta om temagrupper och arbetsgrupper\n- följa upp och återrapportera till den politiska samrådsgruppen',
          responsibilities: 'Fördjupad beredning av frågor från NOSAM och temagrupper, SAMLA:s ekonomi, och information om organisatoriska förändringar hos respektive huvudman.',
          waysOfWorking:
            'Gruppen sammanträder cirka 2–3 gånger per halvår. Representanterna kan inte utse ersättare vid frånvaro; den som har förhinder lämnar synpunkter i förväg. Ordförandeskapet följer den politiska samrådsgruppen och roterar med ett års mandatperiod; vice ordföranden utses av den huvudman som inte har ordförandeskapet. Beslut fattas i bred enighet.',
          approvedBy: 'Politiska samrådsgruppen SAMLA',
        },
        seats: [
          { fn: 'Tjänsteperson från Delregional nämnd västra', org: 'Delregional nämnd västra' },
          { fn: 'Offentliga vårdcentraler (vårdcentraler, BVC och rehab)', org: 'Offentliga vårdcentraler', vice: true },
          { fn: 'Privata vårdcentraler (vårdcentraler, BVC och rehab)', principal: 'Privata vårdgivare i primärvården' },
          { fn: 'Regionhälsan', org: 'Regionhälsan' },
          { fn: 'Habilitering och hälsa', org: 'Habilitering och hälsa', holder: null },
          { fn: 'Tandvården', org: 'Tandvården' },
          { fn: 'Sjukhusen i väster', org: 'Sjukhusen i väster' },
          { fn: 'Södra Älvsborgs sjukhus, SÄS', org: 'Södra Älvsborgs sjukhus' },
          { fn: 'Alingsås kommun (vård och omsorg, IFO, elevhälsa)', principal: 'Alingsås kommun' },
          { fn: 'Lerums kommun (vård och omsorg, IFO, elevhälsa)', principal: 'Lerums kommun', chair: true },
          { fn: 'Göteborgsregionen (GR)', principal: 'Göteborgsregionen (GR)' },
          { fn: 'Ordförande NOSAM Lerum', exOfficio: { body: 'nosam-lerum', role: 'chair' } },
          { fn: 'Ordförande NOSAM Alingsås', exOfficio: { body: 'nosam-alingsas', role: 'chair' } },
          { fn: 'Processledare SAMLA', kind: 'other', holder: 'processledare@example.org' },
          { fn: 'Delregional samordnare', principal: 'Västra Götalandsregionen' },
        ],
        roles: [
          { holder: 'processledare@example.org', role: 'process_leader' },
          { holder: 'ledamot@example.org', role: 'reader', reason: 'Följer arbetet för SAMS räkning' },
        ],
        formerMembers: 1,
      },
      ...(['Lerum', 'Alingsås'] as const).map((place): BodySpec => ({
        key: place === 'Lerum' ? 'nosam-lerum' : 'nosam-alingsas',
        slug: place === 'Lerum' ? 'nosam-lerum' : 'nosam-alingsas',
        name: `NOSAM ${place}`,
        parent: 'samla-sg',
        level: 'local',
        kind: 'standing_group',
        isPublic: true,
        meetings: [4, 6, 'year'],
        mandate: {
          purpose: `Närområdessamverkan i ${place}: vårdcentraler, kommunens verksamheter och regionens specialistvård löser frågor i vardagen och lyfter det som inte kan lösas lokalt till Samordningsgruppen.`,
          approvedBy: 'Samordningsgruppen SAMLA',
        },
        seats: [
          { fn: 'Kommunens vård och omsorg', principal: `${place === 'Lerum' ? 'Lerums' : 'Alingsås'} kommun`, chair: true },
          { fn: 'Kommunens individ- och familjeomsorg', principal: `${place === 'Lerum' ? 'Lerums' : 'Alingsås'} kommun` },
          { fn: 'Vårdcentralerna', org: 'Offentliga vårdcentraler', vice: true },
          { fn: 'Sjukhusen i väster', org: 'Sjukhusen i väster' },
          { fn: 'Habilitering och hälsa', org: 'Habilitering och hälsa' },
        ],
      })),
      {
        key: 'tema-barn',
        slug: 'temagrupp-barn-och-unga',
        name: 'Temagrupp Barn och unga',
        parent: 'samla-sg',
        level: 'operational',
        kind: 'theme_group',
        seats: [
          { fn: 'Elevhälsan Lerum', principal: 'Lerums kommun' },
          { fn: 'Elevhälsan Alingsås', principal: 'Alingsås kommun' },
          { fn: 'Barn- och ungdomspsykiatrin', org: 'Södra Älvsborgs sjukhus' },
          { fn: 'BVC', org: 'Offentliga vårdcentraler' },
        ],
        roles: [{ holder: '*', role: 'convenor' }],
      },
      {
        key: 'tema-aldre',
        slug: 'temagrupp-aldre',
        name: 'Temagrupp Äldre',
        parent: 'samla-sg',
        level: 'operational',
        kind: 'theme_group',
        seats: [
          { fn: 'Hemsjukvården Lerum', principal: 'Lerums kommun' },
          { fn: 'Hemsjukvården Alingsås', principal: 'Alingsås kommun' },
          { fn: 'Geriatriken', org: 'Sjukhusen i väster' },
        ],
        roles: [{ holder: '*', role: 'convenor' }],
      },
    ],
  },
  {
    slug: 'orebro',
    name: 'Samverkan social välfärd samt vård och omsorg, Örebro län',
    shortName: 'Örebro län',
    description: 'Samverkan mellan Region Örebro län och länets kommuner: Chefsgruppen, SAMS och de operativa arbetsgrupperna.',
    principals: ['Region Örebro län', 'Örebro kommun', 'Kumla kommun', 'Hallsbergs kommun', 'Karlskoga kommun', 'Lindesbergs kommun'],
    categories: [
      { kind: 'goal_area', name: 'Medicinska frågor i samverkan' },
      { kind: 'goal_area', name: 'Nära vård' },
    ],
    organisations: [
      { principal: 'Region Örebro län', name: 'Närsjukvårdsområde väster' },
      { principal: 'Region Örebro län', name: 'Närsjukvårdsområde söder och Örebro' },
      { principal: 'Region Örebro län', name: 'Närsjukvårdsområde norr' },
      { principal: 'Region Örebro län', name: 'Område Psykiatri' },
      { principal: 'Region Örebro län', name: 'Hälsoval' },
      { principal: 'Region Örebro län', name: 'Läkemedelscentrum' },
      { principal: 'Region Örebro län', name: 'Välfärd och folkhälsa', distributionList: ['valfard.folkhalsa@example.org'] },
      { principal: 'Örebro kommun', name: 'Vård och omsorg' },
    ],
    surfaces: [
      { name: 'Medicinska rådet, Hälsoval' },
      { name: 'Medicinska rådet, Välfärd och folkhälsa' },
      { name: 'Hälsoval', distributionList: ['halsoval@example.org'] },
      { name: 'Läkemedelscentrum', distributionList: ['lakemedelscentrum@example.org'] },
      { name: 'Hälso- och sjukvårdens ledningsgrupp' },
      { name: 'MAS/MAR-nätverket', distributionList: ['mas-natverket@example.org'] },
      { name: 'Vård- och omsorgschefsnätverket' },
    ],
    bodies: [
      {
        key: 'chefsgrupp',
        slug: 'chefsgrupp',
        name: 'Chefsgrupp för samverkan social välfärd samt vård och omsorg',
        shortName: 'Chefsgruppen',
        level: 'strategic',
        kind: 'standing_group',
        minutesKind: 'protocol',
        substitutesAllowed: true,
        meetings: [4, 6, 'year'],
        chair: { months: 48, rule: 'any' },
        seats: [
          { fn: 'Närsjukvårdsområde väster', org: 'Närsjukvårdsområde väster' },
          { fn: 'Närsjukvårdsområde söder och Örebro', org: 'Närsjukvårdsområde söder och Örebro', holder: 'ordforande@example.org', chair: true },
          { fn: 'Närsjukvårdsområde norr', org: 'Närsjukvårdsområde norr' },
          { fn: 'Område Psykiatri', org: 'Område Psykiatri' },
          { fn: 'Örebro kommun', principal: 'Örebro kommun' },
          { fn: 'Kumla kommun', principal: 'Kumla kommun' },
          { fn: 'Hallsbergs kommun', principal: 'Hallsbergs kommun' },
          { fn: 'Karlskoga kommun', principal: 'Karlskoga kommun' },
          { fn: 'Lindesbergs kommun', principal: 'Lindesbergs kommun' },
        ],
        roles: [
          { holder: '*', role: 'secretary' },
          { holder: 'ersattare@example.org', role: 'substitute', substituteFor: 'Närsjukvårdsområde söder och Örebro' },
        ],
      },
      {
        key: 'sams',
        slug: 'sams',
        name: 'Strategisk arbetsgrupp för medicinska frågor i samverkan',
        shortName: 'SAMS',
        parent: 'chefsgrupp',
        level: 'strategic',
        kind: 'working_group',
        isPublic: true,
        meetings: [2, null, 'termin'],
        physical: 1,
        mandate: {
          purpose:
            'SAMS är en fast struktur för medicinska frågor i samverkan mellan regionen och länets kommuner: det utpekade forum där medicinska uppgifter som är nya för den kommunala kontexten lyfts och hanteras, och där medicinska riktlinjer i samverkan skrivs fram eller uppdateras på uppdrag av Chefsgruppen.',
          tasks:
            '- avgöra om en medicinsk uppgift har förutsättningar att föras in i kommunal kontext\n- utse operativa arbetsgrupper för specifika frågor, inom sig och vid behov med adjungerade\n- se till att dokument upprättas och förankras rätt, t.ex. att läkemedelsrutiner godkänns av läkemedelskommittén\n- bereda beslutsärenden till Chefsgruppen',
          responsibilities: 'SAMS rapporterar minst en gång om året till Chefsgruppen om ärendena och i vilken fas de är.',
          waysOfWorking:
            'Minst två strategiska möten per termin, varav ett möte om året fysiskt. Sammanställande stämmer av agendan senast två veckor före varje möte. Deltagarna har dialog med sina kontaktytor innan något implementeras. Agenda och kortfattade minnesanteckningar sparas i den gemensamma arbetsytan.',
          approvedBy: 'Chefsgrupp för samverkan social välfärd samt vård och omsorg',
          approvedOn: '2024-12-13',
        },
        seats: [
          { fn: 'Äldrevårdsöverläkare', principal: 'Region Örebro län', surface: 'Medicinska rådet, Hälsoval' },
          { fn: 'Medicinsk rådgivare för Välfärd och folkhälsa', org: 'Välfärd och folkhälsa', surface: 'Medicinska rådet, Välfärd och folkhälsa', holder: 'sammankallande@example.org' },
          { fn: 'Primärvårdsöverläkare', org: 'Hälsoval', surface: 'Hälsoval' },
          { fn: 'Apotekare', org: 'Läkemedelscentrum', surface: 'Läkemedelscentrum' },
          { fn: 'Representation från slutenvården och patientsäkerhetscentrum', principal: 'Region Örebro län', surface: 'Hälso- och sjukvårdens ledningsgrupp' },
          { fn: 'Medicinskt ansvarig sjuksköterska, Örebro kommun', principal: 'Örebro kommun', surface: 'MAS/MAR-nätverket', holder: 'ledamot@example.org' },
          {
            fn: 'Medicinskt ansvarig sjuksköterska, annan kommun (1)',
            group: { label: 'andra kommuner i länet', principals: ['Kumla kommun', 'Hallsbergs kommun', 'Karlskoga kommun', 'Lindesbergs kommun'] },
            surface: 'MAS/MAR-nätverket',
          },
          {
            fn: 'Medicinskt ansvarig sjuksköterska, annan kommun (2)',
            group: { label: 'andra kommuner i länet', principals: ['Kumla kommun', 'Hallsbergs kommun', 'Karlskoga kommun', 'Lindesbergs kommun'] },
            surface: 'MAS/MAR-nätverket',
          },
          { fn: 'Enhetschef med egen vårdkompetens, Örebro kommun', principal: 'Örebro kommun', surface: 'Vård- och omsorgschefsnätverket' },
          {
            fn: 'Enhetschef med egen vårdkompetens, annan kommun',
            group: { label: 'annan kommun i länet', principals: ['Kumla kommun', 'Hallsbergs kommun', 'Karlskoga kommun', 'Lindesbergs kommun'] },
            surface: 'Vård- och omsorgschefsnätverket',
          },
          { fn: 'Läkare med kommunalt utvecklingsuppdrag', kind: 'municipality' },
        ],
        roles: [
          { holder: 'sekreterare@example.org', role: 'secretary', reason: 'Sammanställande och minnesanteckningar' },
          { holder: 'lasare@example.org', role: 'reader', reason: 'Chefsgruppens utredare' },
        ],
        formerMembers: 1,
      },
      {
        key: 'sams-vatska',
        slug: 'subkutan-vatska',
        name: 'Operativ arbetsgrupp: subkutan vätskebehandling i hemmet',
        parent: 'sams',
        level: 'operational',
        kind: 'working_group',
        activeToInDays: 180,
        mandate: {
          purpose:
            'Ta fram en patientsäker rutin för subkutan vätskebehandling i hemmet: kunskapsunderlag, medicinsk rutin, kommunikationsplan, implementeringsplan och uppföljning. Information går ut samtidigt till kommuner och vårdcentraler.',
          approvedBy: 'Strategisk arbetsgrupp för medicinska frågor i samverkan',
        },
        seats: [
          { fn: 'Primärvårdsöverläkare', org: 'Hälsoval' },
          { fn: 'Medicinskt ansvarig sjuksköterska', principal: 'Örebro kommun' },
        ],
        roles: [
          { holder: 'sammankallande@example.org', role: 'convenor' },
          { holder: 'adjungerad@example.org', role: 'adjunct', reason: 'Apotekare, läkemedelsfrågor under uppdraget' },
        ],
      },
      {
        key: 'sams-lakemedel',
        slug: 'lakemedelsgenomgangar',
        name: 'Operativ arbetsgrupp: läkemedelsgenomgångar i särskilt boende',
        parent: 'sams',
        level: 'operational',
        kind: 'working_group',
        activeToInDays: -120,
        seats: [{ fn: 'Apotekare', org: 'Läkemedelscentrum' }],
      },
    ],
  },
];
