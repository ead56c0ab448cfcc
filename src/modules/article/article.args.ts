import { ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection";
import { Article } from "./article.entity";

@ObjectType()
export class ArticleConnection extends Connection(Article) {}
