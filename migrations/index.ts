import { InitialSchema1732665600000 } from "./1732665600000-InitialSchema";

/** Every migration, in order. Listed by hand (not a glob) so the build and the tests see the same set. */
export const migrations = [InitialSchema1732665600000];
