import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import type { ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { Article } from "./article.entity";

export function createArticleLoaders(db: DataSource, known: IdentityMap) {
  return { article: byIdLoader(db, Article, known) };
}

/** All articles, the most recently added first. */
export function articleList(): ListQuery<Article> {
  return {
    entity: Article,
    from: "articles a",
    alias: "a",
    conditions: [],
    params: new SqlParams(),
    sort: { expression: "a.created_at", type: "timestamptz", direction: "DESC" },
  };
}
