import { ACTIONS, type Action, ITEM_STATUSES, type ItemStatus, type RunItem } from '../core/index.ts';

export function countItems(items: readonly RunItem[]) {
  const actionCounts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  const statusCounts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as RunItem;
    actionCounts[item.action]++;
    statusCounts[item.status]++;
  }
  return { actionCounts, statusCounts };
}
