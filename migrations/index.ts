import { InitialSchema1732665600000 } from "./1732665600000-InitialSchema";
import { TokensAndAudit1732752000000 } from "./1732752000000-TokensAndAudit";
import { AnnounceStatements1732838400000 } from "./1732838400000-AnnounceStatements";
import { Search1732924800000 } from "./1732924800000-Search";
import { SortIndexes1733011200000 } from "./1733011200000-SortIndexes";
import { PersistedOperations1733140800000 } from "./1733140800000-PersistedOperations";
import { Ingestion1733313600000 } from "./1733313600000-Ingestion";
import { Stance1733400000000 } from "./1733400000000-Stance";
import { CorroborationCounts1733486400000 } from "./1733486400000-CorroborationCounts";
import { FuzzyNameStatistics1733572800000 } from "./1733572800000-FuzzyNameStatistics";

/** Every migration, in order. Listed by hand (not a glob) so the build and the tests see the same set. */
export const migrations = [InitialSchema1732665600000, TokensAndAudit1732752000000, AnnounceStatements1732838400000, Search1732924800000, SortIndexes1733011200000, PersistedOperations1733140800000, Ingestion1733313600000, Stance1733400000000, CorroborationCounts1733486400000, FuzzyNameStatistics1733572800000];
