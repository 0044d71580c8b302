/**
 * The licence pools a run's entitlement rules draw on: free, freed by this run, wanted and short.
 * Shown on simulations too, so a shortfall is seen before anything is written.
 */
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import type { Run } from '../api/dto.ts';

type Pool = NonNullable<NonNullable<Run['counts']>['licencePools']>[number];

export function LicencePools(props: { readonly pools: readonly Pool[] }) {
  const short = props.pools.filter((p) => p.short > 0);
  return (
    <div data-testid="licence-pools">
      <Text>
        {short.length === 0
          ? 'Every licence the rules grant is available.'
          : short.map((p) => `${p.short} ${p.name} licence${p.short === 1 ? '' : 's'} short`).join('; ') +
            ': those persons get no licence (see their warnings).'}
      </Text>
      <Table size="small" aria-label="Licence pools">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Licence</TableHeaderCell>
            <TableHeaderCell>Free</TableHeaderCell>
            <TableHeaderCell>Freed by this run</TableHeaderCell>
            <TableHeaderCell>Wanted</TableHeaderCell>
            <TableHeaderCell>Short</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.pools.map((p) => (
            <TableRow key={p.skuId}>
              <TableCell>{p.name}</TableCell>
              <TableCell>{`${Math.max(0, p.enabled - p.consumed)} of ${p.enabled}`}</TableCell>
              <TableCell>{p.freed}</TableCell>
              <TableCell>{p.wanted}</TableCell>
              <TableCell>{p.short}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
