import { executeBatch } from '../batch.ts';
import type { GraphRoute } from '../route-types.ts';
import { Router } from '../router.ts';
import { deletedItemRoutes } from './deleted-items.ts';
import { groupRoutes } from './groups.ts';
import { licenseRoutes } from './licenses.ts';
import { managerRoutes } from './manager.ts';
import { organizationRoutes } from './organization.ts';
import { userDeltaRoutes } from './user-delta.ts';
import { userListRoutes } from './user-list.ts';
import { userRoutes } from './users.ts';

/** Every emulated Graph v1.0 route, `$batch` included (its items go back through the same router). */
export function createGraphRouter(): Router {
  const batch: GraphRoute = {
    method: 'POST',
    template: '/$batch',
    envelope: true,
    handle: (context) => executeBatch(context.state, router, context.request, context.principal),
  };
  const router: Router = new Router([
    ...userRoutes,
    ...userListRoutes,
    ...userDeltaRoutes,
    ...managerRoutes,
    ...groupRoutes,
    ...licenseRoutes,
    ...deletedItemRoutes,
    ...organizationRoutes,
    batch,
  ]);
  return router;
}
