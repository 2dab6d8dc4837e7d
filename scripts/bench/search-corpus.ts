// A synthetic library for the search benchmark: clips with transcript segments whose words follow a Zipf-like
// distribution (common English words at the head, work vocabulary in the middle, a long tail of rare words), with
// common collocations ("release notes", "pricing page") sprinkled in so phrase queries have something to find.
import type { Db } from '../../electron/core/library/database';

const HEAD = `the of and to a in is it you that he was for on are with as i his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their time if will
way about many then them write would like so these her long make thing see him two has look more day could go come did
number sound no most people my over know water than call first who may down side been now find any new work part take
get place made live where after back little only round man year came show every good me give our under name very through
just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell
does set three want air well also play small end put home read hand port large spell add even land here must big high
such follow act why ask men change went light kind off need house picture try us again animal point mother world near
build self earth father head stand own page should country found answer school grow study still learn plant cover food
sun four between state keep eye never last let thought city tree cross farm hard start might story saw far sea draw left
late run while press close night real life few north open seem together next white children begin got walk example ease
paper group always music those both mark often letter until mile river car feet care second book carry took science eat
room friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl
usual young ready above ever red list though feel talk bird soon body dog family direct pose leave song measure door
product black short numeral class wind question happen complete ship area half rock order fire south problem piece told
knew pass since top whole king space heard best hour better true during hundred five remember step early hold west
ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay
against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit power
town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able pound done
beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute strong special mind
behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide surface deep
moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran check
game shape equate hot miss brought heat snow tire bring yes distant fill east paint language among`.split(/\s+/);

const WORK = `team meeting update deploy release customer database migration review design feature bug fix test build
pricing page budget roadmap sprint planning ticket issue priority deadline launch metrics dashboard report user feedback
support invoice payment refund account login server api endpoint latency error rollback hotfix monitoring alert
incident postmortem retro standup demo prototype mockup research interview candidate hiring onboarding documentation
notes schema index query cache queue worker job pipeline branch merge commit staging production security audit
compliance contract vendor legal marketing campaign email newsletter blog analytics churn retention growth revenue
forecast quarter goal objective handoff timezone schedule calendar agenda decision approval blocker dependency estimate
scope requirement spec ticket backlog velocity capacity`.split(/\s+/);

// Rare on purpose: a real library mentions these in a handful of clips.
const RARE = `kubernetes figma postgres p95 terraform grafana webhook oauth stripe zendesk`.split(/\s+/);

const PHRASES = [
  'release notes',
  'pricing page',
  'database migration',
  'sprint planning',
  'customer feedback',
  'security audit',
  'design review',
  'on call rotation',
  'load balancer',
  'error budget',
];

const NAMES = `Ana Bo Chen Dee Emeka Farah Gus Hana Ivan Jia Kofi Lena Mateo Nia Omar Priya Quinn Rosa Sami Tomas Uma Vik
Wren Xia Yusuf Zoe Aiko Bruno Carmen Dmitri Elif Femi Greta Hugo Ines Jonas Kaito Lucia Malik Noor`.split(/\s+/);
const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata', 'America/New_York', 'Australia/Sydney', 'Africa/Lagos'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticWords(count: number, random: () => number): string[] {
  const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cl', 'st', 'tr', 'pl', 'gr', 'sh', 'ch'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io'];
  const codas = ['', 'n', 'r', 's', 't', 'l', 'm', 'x', 'nd', 'st', 'ck'];
  const seen = new Set<string>();
  while (seen.size < count) {
    const syllables = 2 + Math.floor(random() * 2);
    let word = '';
    for (let i = 0; i < syllables; i++) {
      word += onsets[Math.floor(random() * onsets.length)] + vowels[Math.floor(random() * vowels.length)];
    }
    seen.add(word + codas[Math.floor(random() * codas.length)]);
  }
  return [...seen];
}

function vocabulary(random: () => number): string[] {
  const words = [...HEAD.slice(0, 120)];
  // Work words interleave with the rest of the common head, ranks ~120–600.
  const rest = HEAD.slice(120);
  for (let i = 0; i < Math.max(rest.length, WORK.length); i++) {
    if (WORK[i]) words.push(WORK[i]);
    if (rest[i]) words.push(rest[i]);
  }
  const tail = syntheticWords(30_000, random);
  RARE.forEach((word, i) => tail.splice(1500 + i * 700, 0, word));
  return [...new Set([...words, ...tail])];
}

/** Samples ranks with probability ∝ 1/rank^s through a cumulative table and binary search. */
function zipfSampler(size: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 1; rank <= size; rank++) {
    total += 1 / Math.pow(rank, s);
    cumulative[rank - 1] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function buildLibrary(db: Db, options: { clips: number; segmentsPerClip: number; seed: number }) {
  const random = mulberry32(options.seed);
  const vocab = vocabulary(random);
  const next = zipfSampler(vocab.length, 1.05, random);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const workSampler = zipfSampler(WORK.length, 0.9, random);
  let words = 0;

  const sentence = (min: number, max: number) => {
    const length = min + Math.floor(random() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < length; i++) out.push(random() < 0.004 ? pick(PHRASES) : vocab[next()]);
    words += length;
    return out.join(' ');
  };

  const insertClip = db.prepare(
    `INSERT INTO clips (id, author_name, author_timezone, recorded_at, recorded_at_ms, title, context, ask, duration_ms,
       state, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', 'recorded', ?, ?)`,
  );
  const insertSegment = db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
  const start = CORPUS_START_MS;
  const span = CORPUS_SPAN_MS;

  db.transaction(() => {
    for (let c = 0; c < options.clips; c++) {
      const id = `bench${String(c).padStart(8, '0')}`;
      const recordedMs = start + Math.floor((c / options.clips) * span);
      const iso = new Date(recordedMs).toISOString();
      const title = `${WORK[workSampler()]} ${random() < 0.3 ? pick(PHRASES) : WORK[workSampler()]} ${vocab[next()]}`;
      const context = random() < 0.3 ? sentence(6, 14) : null;
      const ask = random() < 0.2 ? sentence(4, 10) : null;
      insertClip.run(id, pick(NAMES), pick(ZONES), iso, recordedMs, title, context, ask, options.segmentsPerClip * 6000, iso, iso);
      for (let s = 0; s < options.segmentsPerClip; s++) insertSegment.run(id, s, s * 6000, (s + 1) * 6000, sentence(8, 22));
    }
  })();

  return { docs: countDocs(db), words, ...corpusFacts() };
}

const CORPUS_START_MS = Date.parse('2024-06-01T00:00:00Z');
const CORPUS_SPAN_MS = 2 * 365 * 24 * 3600 * 1000;

/** What the benchmark's queries need to know about any library this file builds: its authors and a recent date. */
export function corpusFacts() {
  return { authors: NAMES, recentSince: new Date(CORPUS_START_MS + CORPUS_SPAN_MS - 60 * 24 * 3600 * 1000).toISOString().slice(0, 10) };
}

export function countDocs(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n;
}
