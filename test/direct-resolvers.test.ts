import { graphql } from "graphql";
import { Authorized, buildSchema, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root, UseMiddleware, type MiddlewareFn } from "type-graphql";
import { callResolversDirectly } from "../src/graphql/direct-resolvers";

/**
 * callResolversDirectly (src/graphql/direct-resolvers.ts) skips type-graphql's wrappers only
 * where they would run nothing: a field with roles or middlewares must keep them.
 */
interface Viewer {
  admin: boolean;
  seen: string[];
}

const record: MiddlewareFn<Viewer> = async ({ context, info }, next) => {
  context.seen.push(info.fieldName);
  return next();
};

@ObjectType()
class Dossier {
  @Field()
  title!: string;

  @Authorized("ADMIN")
  @Field()
  secret!: string;

  @UseMiddleware(record)
  @Field()
  watched!: string;

  @Field({ name: "label" })
  get shownLabel(): string {
    return `label of ${this.title}`;
  }
}

@Resolver(() => Dossier)
class DossierResolver {
  @Query(() => Dossier)
  dossier(): Dossier {
    return Object.assign(new Dossier(), { title: "t", secret: "s", watched: "w" });
  }

  @Query(() => Dossier, { description: "A plain object, not a Dossier instance: type-graphql's wrappers convert it." })
  plainDossier(): Dossier {
    return { title: "p", secret: "s", watched: "w" } as Dossier;
  }

  @FieldResolver(() => String)
  summary(@Root() dossier: Dossier, @Ctx() viewer: Viewer): string {
    return `${dossier.title} for ${viewer.admin ? "an admin" : "a reader"}`;
  }

  @Authorized("ADMIN")
  @FieldResolver(() => String)
  owner(@Root() dossier: Dossier): string {
    return `owner of ${dossier.title}`;
  }
}

async function schema() {
  const built = await buildSchema({ resolvers: [DossierResolver], authChecker: ({ context }) => (context as Viewer).admin });
  callResolversDirectly(built);
  return built;
}

describe("direct resolvers", () => {
  it("reads plain fields and calls unguarded field resolvers directly", async () => {
    const built = await schema();
    const fields = built.getType("Dossier") as import("graphql").GraphQLObjectType;
    expect(fields.getFields().title.resolve).toBeUndefined();
    const result = await graphql({ schema: built, source: "{ dossier { title label summary } plainDossier { label summary } }", contextValue: { admin: false, seen: [] } });
    expect(result).toEqual({ data: { dossier: { title: "t", label: "label of t", summary: "t for a reader" }, plainDossier: { label: "label of p", summary: "p for a reader" } } });
  });

  it("keeps the auth check of a field and of a field resolver with roles", async () => {
    const built = await schema();
    const reader = await graphql({ schema: built, source: "{ dossier { secret } }", contextValue: { admin: false, seen: [] } });
    expect(reader.errors?.[0]?.message).toMatch(/Access denied/);
    const owner = await graphql({ schema: built, source: "{ dossier { owner } }", contextValue: { admin: false, seen: [] } });
    expect(owner.errors?.[0]?.message).toMatch(/Access denied/);
    const admin = await graphql({ schema: built, source: "{ dossier { secret owner } }", contextValue: { admin: true, seen: [] } });
    expect(admin).toEqual({ data: { dossier: { secret: "s", owner: "owner of t" } } });
  });

  it("keeps a field's middlewares", async () => {
    const viewer: Viewer = { admin: false, seen: [] };
    const result = await graphql({ schema: await schema(), source: "{ dossier { watched } }", contextValue: viewer });
    expect(result.errors).toBeUndefined();
    expect(viewer.seen).toEqual(["watched"]);
  });
});
