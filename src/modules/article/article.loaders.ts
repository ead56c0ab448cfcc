import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { Article } from "./article.entity";

export function createArticleLoaders(db: DataSource) {
  return { article: byIdLoader(db, Article, "articles") };
}
