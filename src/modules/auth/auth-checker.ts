import type { AuthChecker } from "type-graphql";
import type { Context } from "../../context";
import { forbidden, unauthenticated } from "../../contract/errors";
import { Role } from "./tokens";

/**
 * `@Authorized(Role.EDITOR)` guards writes. The token is checked only when a guarded field runs, so
 * reads stay open whatever header they carry. Both refusals say nothing about whether a token exists.
 */
export const authChecker: AuthChecker<Context, Role> = async ({ context }, roles) => {
  const viewer = await context.viewer();
  if (!viewer) throw unauthenticated();
  if (viewer.role === Role.ADMIN || roles.length === 0 || roles.includes(viewer.role)) return true;
  throw forbidden(roles);
};
