/** Bureaucratic, cold, arguing and blaming phrases of Latvian replies, with plainer wordings (see phraseRule.ts). */

import { type PhraseRule, STEM } from "./phraseRule.ts";

const L = STEM;

export const LV_PHRASES: readonly PhraseRule[] = [
  {
    kind: "bureaucratic",
    pattern: `saskaņā\\s+ar\\s+(?:\\p{L}+\\s+)?(?:noteikum${L}|punkt${L}|līgum${L}|politik${L}|kārtīb${L}|\\d+(?:\\.\\d+)*\\.?\\s*punkt${L})(?:\\s*\\d+(?:\\.\\d+)*)?`,
    suggestion: "pēc mūsu atgriešanas noteikumiem… (pastāstiet saviem vārdiem, ko tie nosaka)",
  },
  { kind: "bureaucratic", pattern: "saskaņā\\s+ar", suggestion: "pēc" },
  {
    kind: "bureaucratic",
    pattern: `(?:ar\\s+šo\\s+)?(?:informējam|paziņojam|darām\\s+zināmu)\\s*,?\\s+ka`,
    suggestion: "uzreiz pie lietas, piem., „Paka pienāks trešdien”",
  },
  {
    kind: "bureaucratic",
    pattern: `(?:veikt|veiciet|veic|veicam|veiksim|veikta|veikts|veikšana${L})\\s+(?:apmaks${L}|maksājum${L}|samaks${L})`,
    suggestion: "apmaksāt / samaksāt",
  },
  {
    kind: "bureaucratic",
    pattern: `(?:veikt|veiciet|veic|veicam|veiksim)\\s+(?:atgriešan${L}|apmaiņ${L}|pasūtījum${L}|pirkum${L})`,
    suggestion: "atgriezt / apmainīt / pasūtīt (ar vienu darbības vārdu)",
  },
  { kind: "bureaucratic", pattern: `nav\\s+iespēj${L}`, suggestion: "mēs nevaram" },
  {
    kind: "bureaucratic",
    pattern: `(?:iepriekš\\s+minēt|augstāk\\s*minēt|augstākminēt|iepriekšminēt)${L}`,
    suggestion: "šis / par kuru rakstījāt",
  },
  { kind: "bureaucratic", pattern: "sakarā\\s+ar", suggestion: "jo / dēļ" },
  { kind: "bureaucratic", pattern: `lūdzam\\s+ņemt\\s+vērā`, suggestion: "Der zināt:" },
  { kind: "bureaucratic", pattern: "uz\\s+doto\\s+brīdi", suggestion: "pašlaik / šobrīd" },
  {
    kind: "cold",
    pattern: `(?:jūsu\\s+)?(?:pieteikums|pieprasījums|iesniegums|sūdzība|pretenzija)\\s+(?:ir\\s+)?(?:reģistrēt${L}|pieņemt${L})`,
    suggestion: "Saņēmām jūsu ziņu un jau to risinām",
  },
  {
    kind: "cold",
    pattern: `(?:atvainojamies\\s+)?par\\s+(?:sagādātaj${L}|radītaj${L})\\s+neērtīb${L}`,
    suggestion: "Atvainojiet, ka tā sanāca",
  },
  {
    kind: "cold",
    pattern: `gaidiet\\s+(?:atbildi|zvanu|mūsu\\s+atbildi)`,
    suggestion: "Uzrakstīsim, tiklīdz (kad) būs skaidrs",
  },
  {
    kind: "cold",
    pattern: `(?:atbildīg${L}|atbilstoš${L}|kompetent${L})\\s+(?:nodaļ${L}|struktūrvienīb${L}|dienest${L})`,
    suggestion: "kolēģiem no (nodaļa), viņi atbildēs līdz (termiņš)",
  },
  {
    kind: "arguing",
    pattern: `kā\\s+(?:mēs\\s+|es\\s+)?jau\\s+(?:rakstījām|rakstīju|minējām|minēju|teicām|teicu|informējām|paskaidrojām|paskaidroju)(?:\\s+(?:iepriekš|augstāk))?`,
    suggestion: "Precizēšu:",
  },
  {
    kind: "arguing",
    pattern: `(?:uzmanīgi|rūpīgi|vēlreiz)\\s+(?:izlasiet|izlasi|pārlasiet|iepazīstieties)|(?:izlasiet|pārlasiet)\\s+(?:uzmanīgi|rūpīgi)`,
    suggestion: "Viss ir aprakstīts šeit: (saite) — palīdzēšu, ja kas nav skaidrs",
  },
  {
    kind: "arguing",
    pattern: `jums\\s+nav\\s+taisnība|jūs\\s+(?:kļūdāties|maldāties)`,
    suggestion: "Paskaidrošu, kā tas darbojas",
  },
  {
    kind: "blame",
    pattern: `jūsu\\s+(?:vainas|kļūdas|neuzmanības)\\s+dēļ|(?:tā\\s+ir\\s+)?jūsu\\s+(?:vaina|kļūda)`,
    suggestion: "tā sanāca — salabosim kopā",
  },
  {
    kind: "blame",
    pattern: `jums\\s+(?:vajadzēja|bija\\s+jā)\\s*(?:izlasīt|pārbaudīt|norādīt|izlasa|pārbauda|norāda)`,
    suggestion: "Nākamreiz palīdzēs (kas) — bet tagad darīsim tā:",
  },
  {
    kind: "blame",
    pattern: `jūs\\s+(?:neesat\\s+(?:norādījis|norādījusi|izlasījis|izlasījusi|pievienojis|pievienojusi)|nepareizi\\s+\\p{L}+)`,
    suggestion: "Lūdzu, atsūtiet (kas vajadzīgs)",
  },
  {
    kind: "blame",
    pattern: `tā\\s+nav\\s+mūsu\\s+(?:vaina|problēma|atbildība)`,
    suggestion: "Pateikšu, kas var palīdzēt: (kurjers / banka) — un palīdzēšu sazināties",
  },
  { kind: "jargon", pattern: `(?:tiket|ticket)${L}`, suggestion: "pieteikums" },
  { kind: "jargon", pattern: `eskal${L}`, suggestion: "nodevām vecākajam speciālistam" },
  {
    kind: "jargon",
    pattern: "(?:SLA|RMA|SKU)",
    suggestion: "atbildes termiņš / atgriešana / preces kods — vārdiem",
  },
  {
    kind: "passive",
    pattern: `(?:tika|tiks|tiek|tikusi|ticis)\\s+\\p{L}+(?:ts|ta|ti|tas|tie)`,
    suggestion: "darāmā kārta: „mēs nosūtījām”, „mēs nosūtīsim”",
  },
];
