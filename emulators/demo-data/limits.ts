/** The largest company `generateCompany` makes; here so commands can check it without loading the generator. */
export const MAX_PERSONS = 500_000;
