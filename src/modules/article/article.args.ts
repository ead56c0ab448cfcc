import { ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection";
import { Article } from "./article.entity";

@ObjectType({ description: "A page of articles, with cursors to page on (Relay connection)." })
export class ArticleConnection extends Connection(Article) {}
