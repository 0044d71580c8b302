/**
 * The fixed vocabulary of the demo company: divisions with their departments and jobs, cities for
 * department names, and the management jobs. Function codes are derived from list positions, so
 * appending keeps existing codes stable; reordering changes every dataset.
 */
export interface DivisionTopic {
  readonly name: string;
  readonly departments: readonly string[];
  readonly jobs: readonly string[];
}

export const DIVISIONS: readonly DivisionTopic[] = [
  {
    name: 'Bedrijfsvoering',
    departments: ['Facilitair', 'Inkoop', 'Huisvesting', 'Documentaire informatie'],
    jobs: ['Facilitair medewerker', 'Inkoper', 'Medewerker huisvesting', 'Receptioniste', 'Officemanager'],
  },
  {
    name: 'Financiën',
    departments: ['Financiële administratie', 'Control', 'Salarisadministratie', 'Debiteurenbeheer'],
    jobs: [
      'Financieel administrateur',
      'Controller',
      'Salarisadministrateur',
      'Medewerker debiteuren',
      'Business controller',
    ],
  },
  {
    name: 'ICT & Digitalisering',
    departments: ['Servicedesk', 'Infrastructuur', 'Applicatiebeheer', 'Softwareontwikkeling', 'Security'],
    jobs: [
      'Servicedeskmedewerker',
      'Systeembeheerder',
      'Applicatiebeheerder',
      'Software-ontwikkelaar',
      'Security officer',
      'Data-analist',
    ],
  },
  {
    name: 'Personeel & Organisatie',
    departments: ['HR-advies', 'Werving & Selectie', 'Opleidingen', 'Arbo & Verzuim'],
    jobs: ['HR-adviseur', 'Recruiter', 'Opleidingscoördinator', 'Arbocoördinator', 'Personeelsadviseur'],
  },
  {
    name: 'Commercie',
    departments: ['Verkoop', 'Marketing', 'Accountmanagement', 'Communicatie'],
    jobs: ['Accountmanager', 'Marketeer', 'Communicatieadviseur', 'Verkoopmedewerker binnendienst'],
  },
  {
    name: 'Klantenservice',
    departments: ['Klantcontact', 'Klachtenafhandeling', 'Orderverwerking'],
    jobs: ['Klantenservicemedewerker', 'Medewerker orderverwerking', 'Kwaliteitsmedewerker'],
  },
  {
    name: 'Logistiek',
    departments: ['Magazijn', 'Transport', 'Planning', 'Expeditie'],
    jobs: ['Magazijnmedewerker', 'Chauffeur', 'Planner', 'Heftruckchauffeur', 'Logistiek coördinator'],
  },
  {
    name: 'Productie',
    departments: ['Assemblage', 'Onderhoud', 'Kwaliteitszorg', 'Werkvoorbereiding'],
    jobs: ['Productiemedewerker', 'Monteur', 'Kwaliteitsinspecteur', 'Werkvoorbereider', 'Operator'],
  },
  {
    name: 'Zorg & Welzijn',
    departments: ['Wijkverpleging', 'Thuiszorg', 'Dagbesteding'],
    jobs: ['Verpleegkundige', 'Verzorgende IG', 'Helpende', 'Begeleider'],
  },
  {
    name: 'Onderzoek & Ontwikkeling',
    departments: ['Productontwikkeling', 'Laboratorium', 'Innovatie'],
    jobs: ['Onderzoeker', 'Laborant', 'Productontwikkelaar', 'Innovatiemanager'],
  },
  {
    name: 'Juridische Zaken',
    departments: ['Contractbeheer', 'Compliance', 'Privacy'],
    jobs: ['Jurist', 'Compliance officer', 'Functionaris gegevensbescherming'],
  },
  {
    name: 'Projecten & Advies',
    departments: ['Projectmanagement', 'Consultancy', 'Engineering'],
    jobs: ['Projectleider', 'Consultant', 'Engineer', 'Projectcoördinator'],
  },
];

export const CITIES: readonly string[] = [
  'Amsterdam',
  'Rotterdam',
  'Den Haag',
  'Utrecht',
  'Eindhoven',
  'Groningen',
  'Tilburg',
  'Almere',
  'Breda',
  'Nijmegen',
  'Apeldoorn',
  'Haarlem',
  'Arnhem',
  'Enschede',
  'Amersfoort',
  'Zaanstad',
  "'s-Hertogenbosch",
  'Zwolle',
  'Leiden',
  'Maastricht',
  'Dordrecht',
  'Zoetermeer',
  'Leeuwarden',
  'Alkmaar',
  'Delft',
  'Deventer',
  'Venlo',
  'Helmond',
  'Hilversum',
  'Heerlen',
  'Roosendaal',
  'Oss',
  'Emmen',
  'Assen',
  'Middelburg',
  'Gouda',
  'Hoorn',
  'Lelystad',
  'Sittard',
  'Vlissingen',
];

/** Jobs that go with managing a unit, by level: company, division, department, team. */
export const MANAGER_JOBS: readonly string[] = [
  'Algemeen directeur',
  'Divisiedirecteur',
  'Afdelingsmanager',
  'Teamleider',
];
export const INTERN_JOB = 'Stagiair';
export const EXTERNAL_JOB = 'Externe adviseur';

export interface Job {
  readonly code: string;
  readonly description: string;
}

/** Every job once, with a stable code: management first, then per division, then intern/external. */
export function jobCatalogue(): Map<string, Job> {
  const jobs = new Map<string, Job>();
  const add = (description: string) => {
    if (!jobs.has(description))
      jobs.set(description, { code: `F${String(jobs.size + 1).padStart(4, '0')}`, description });
  };
  for (const job of MANAGER_JOBS) add(job);
  for (const division of DIVISIONS) for (const job of division.jobs) add(job);
  add(INTERN_JOB);
  add(EXTERNAL_JOB);
  return jobs;
}
