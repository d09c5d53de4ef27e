import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { inboxPerson, mailsTo } from '../../../tests/helpers/inbox.js';
import { composeApp } from '../../modules.js';
import { execute } from '../commands.js';
import { translator, type Lang } from '../i18n/index.js';
import { NOTIFICATION_KINDS } from './kinds.js';
import { notify } from './notify.js';
import { setNotificationPreferences } from './commands/set-preferences.js';
import { runDailyDigest, stockholmDate } from './digest.js';

/*
 * Every kind of notification a module registers reaches its reader in the reader's
 * language: each kind's sample (its texts through the module's own message keys and labels)
 * is sent by notify() to an English and a Swedish reader, and the inbox rows, the e-mails and
 * the daily digest are read back. Nothing Swedish may reach the English reader.
 */

const db = useTestDatabase();
const config = testConfig();
const publicUrl = 'http://localhost:3000';

/** Swedish letters, and common Swedish words that no English text holds. */
const SWEDISH_WORDS = [
  'och',
  'att',
  'för',
  'är',
  'med',
  'till',
  'från',
  'inte',
  'har',
  'det',
  'som',
  'på',
  'av',
  'om',
  'kl',
  'ska',
  'kan',
  'du',
  'dig',
  'din',
  'ditt',
  'dina',
  'senast',
  'möte',
  'mötet',
  'möten',
  'ärende',
  'ärendet',
  'punkt',
  'punkten',
  'punkter',
  'protokoll',
  'protokollet',
  'dagordning',
  'dagordningen',
  'kallelse',
  'justera',
  'justering',
  'ledamot',
  'ersättare',
  'sekreterare',
  'ordförande',
  'grupp',
  'gruppen',
  'anteckningar',
  'minnesanteckningar',
  'minnesanteckningarna',
  'huvudman',
  'huvudmän',
  'åtgärd',
  'åtgärden',
  'svar',
  'inget',
  'ingen',
  'nytt',
  'nya',
  'meddelande',
  'meddelanden',
  'inkorgen',
  'version',
  'mars',
  'torsdag',
];
const swedishWord = new RegExp(`(^|[^\\p{L}])(${SWEDISH_WORDS.filter((w) => w !== 'version').join('|')})(?=$|[^\\p{L}])`, 'iu');

/** What in a text gives away Swedish: a letter å, ä or ö, or a Swedish word. */
function swedishIn(text: string): string | undefined {
  const letter = /[åäöÅÄÖ]/.exec(text);
  if (letter) return `the letter "${letter[0]}" in "${text}"`;
  const word = swedishWord.exec(text);
  return word ? `the word "${word[2]}" in "${text}"` : undefined;
}

function kinds() {
  return composeApp().all(NOTIFICATION_KINDS);
}

describe('notification kinds and their texts', () => {
  it('covers every registered kind with a sample notice', () => {
    const all = kinds();
    expect(all.length).toBeGreaterThan(20);
    const without = all.filter((k) => !k.sample).map((k) => k.kind);
    expect(without, 'kinds without a sample: add one beside the module’s notices (withSamples in its manifest)').toEqual([]);
  });

  it('tells the check apart: it finds Swedish, and passes English', () => {
    expect(swedishIn('Dagordningen är publicerad')).toBeDefined();
    expect(swedishIn('Kallelse: Styrgruppen')).toBeDefined();
    expect(swedishIn('Meeting call: Steering group, Thursday 12 March 2026 at 09:00')).toBeUndefined();
  });

  it.each(['en', 'sv'] as const)('renders every kind for a reader in %s: the label, the text, the e-mail and the digest', async (lang: Lang) => {
    const now = new Date();
    const immediate = await inboxPerson(db.current, { language: lang, name: 'Alex Example' });
    const digested = await inboxPerson(db.current, { language: lang, name: 'Robin Example' });
    const all = kinds();
    await execute({ database: db.current, config }, immediate.actor, setNotificationPreferences, { preferences: Object.fromEntries(all.map((k) => [k.kind, 'immediate' as const])) });
    await execute({ database: db.current, config }, digested.actor, setNotificationPreferences, { preferences: Object.fromEntries(all.map((k) => [k.kind, 'digest' as const])) });
    const t = translator(lang);
    const texts: { kind: string; text: string }[] = [];
    for (const kind of all) {
      const sample = kind.sample!(t, lang);
      texts.push({ kind: kind.kind, text: kind.label[lang] }, { kind: kind.kind, text: sample.title }, { kind: kind.kind, text: sample.body ?? '' });
      const result = await notify(db.current.db, { personIds: [immediate.id, digested.id], kind: kind.kind, title: sample.title, body: sample.body, link: '/inbox' }, { publicUrl, now });
      expect(result.emailed, kind.kind).toBe(1);
    }
    const mails = await mailsTo(db.current, immediate.email);
    expect(mails).toHaveLength(all.length);
    for (const [i, mail] of mails.entries()) texts.push({ kind: all[i]!.kind, text: `${mail.subject}\n${mail.text}` });
    await runDailyDigest(db.current, { date: stockholmDate(now), now: new Date(now.getTime() + 1000), publicUrl });
    const digest = await mailsTo(db.current, digested.email);
    expect(digest).toHaveLength(1);
    texts.push({ kind: 'daily digest', text: `${digest[0]!.subject}\n${digest[0]!.text}` });

    if (lang === 'en') {
      // Names of people and the address are data; everything else is Samverka's own words.
      const found = texts.map(({ kind, text }) => ({ kind, found: swedishIn(text.replace(/Samverka/g, '')) })).filter((f) => f.found);
      expect(found).toEqual([]);
    } else {
      // Each kind's notice, as it reaches a Swedish reader, is in Swedish.
      for (const kind of all) {
        const sample = kind.sample!(t, lang);
        const own = [kind.label.sv, sample.title].join(' ');
        if (kind.kind.startsWith('system.')) continue; // written by an administrator, in their words
        expect(swedishIn(own), `${kind.kind}: ${own}`).toBeDefined();
      }
      expect(swedishIn(digest[0]!.text)).toBeDefined();
      for (const mail of mails) expect(swedishIn(mail.text), mail.subject).toBeDefined();
    }
  });
});
