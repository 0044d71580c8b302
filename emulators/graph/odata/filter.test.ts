import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { UserEntity } from '../directory/entities.ts';
import { GraphError } from '../graph/graph-error.ts';
import { matchesFilter } from './filter-eval.ts';
import { parseFilter } from './filter-parser.ts';
import { filterNeedsAdvanced } from './filter-support.ts';

const jan = {
  id: 'a1',
  userPrincipalName: "jan.o'brien@contoso.nl",
  displayName: "Jan O'Brien",
  mailNickname: 'jan',
  accountEnabled: true,
  mail: 'Jan@contoso.nl',
  proxyAddresses: ['SMTP:Jan@contoso.nl', 'smtp:j.obrien@contoso.nl'],
  employeeId: '1001',
  department: 'ICT',
  companyName: null,
  employeeHireDate: '2024-03-01T00:00:00Z',
  employeeOrgData: { costCenter: 'CC7' },
} as UserEntity;

describe('$filter', () => {
  const cases: [string, boolean, boolean][] = [
    // filter, matches jan, needs advanced query parameters
    ["employeeId eq '1001'", true, false],
    ["EMPLOYEEID EQ '1001'", true, false],
    ["userPrincipalName eq 'JAN.O''BRIEN@contoso.nl'", true, false],
    ["displayName eq 'Jan O''Brien'", true, false],
    ["startsWith(displayName,'jan o')", true, false],
    ["employeeId in ('1', '1001')", true, false],
    ["employeeId eq '1' or department eq 'ICT'", true, false],
    ["employeeId eq '1001' and accountEnabled eq false", false, false],
    ["proxyAddresses/any(c:c eq 'smtp:jan@contoso.nl')", true, false],
    ["proxyAddresses/any(x:startsWith(x,'smtp:j.o'))", true, false],
    ["(department eq 'HR' or department eq 'ICT') and mail eq 'jan@contoso.nl'", true, false],
    ["department ne 'ICT'", false, true],
    ["not(department eq 'HR')", true, true],
    ["NOT startsWith(displayName,'X')", true, true],
    ["endsWith(mail,'@contoso.nl')", true, true],
    ["proxyAddresses/any(p:endsWith(p,'contoso.nl'))", true, true],
    ['companyName eq null', true, true],
    ["companyName eq 'Contoso'", false, true],
    ['employeeHireDate ge 2024-01-01T00:00:00Z', true, true],
    ["employeeOrgData/costCenter eq 'CC7'", true, true],
  ];
  for (const [text, matches, advanced] of cases) {
    test(text, () => {
      const node = parseFilter(text);
      assert.equal(matchesFilter(jan, node), matches);
      assert.equal(filterNeedsAdvanced(node), advanced);
    });
  }

  const errors: [string, number, string][] = [
    ["employeeId eq '1001", 400, 'BadRequest'],
    ["employeeId equals '1'", 400, 'BadRequest'],
    ["shoeSize eq '44'", 400, 'BadRequest'],
    ["endsWith(displayName,'x')", 400, 'Request_UnsupportedQuery'],
    ["contains(displayName,'x')", 400, 'Request_UnsupportedQuery'],
    ["proxyAddresses eq 'smtp:x'", 400, 'Request_UnsupportedQuery'],
    ["passwordProfile eq 'x'", 400, 'Request_UnsupportedQuery'],
  ];
  for (const [text, status, code] of errors) {
    test(`refused: ${text}`, () => {
      assert.throws(
        () => filterNeedsAdvanced(parseFilter(text)),
        (error: unknown) => error instanceof GraphError && error.status === status && error.code === code,
      );
    });
  }
});
