import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { badUserInput } from "../../contract/errors";
import { parseGlobalId } from "../../contract/global-id";
import { Node } from "../../graphql/node";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when it does not exist." })
  node(@Arg("id", () => ID, { description: "The global id of an Event, Statement, Person, Organization, Affiliation, Place or Article." }) id: string, @Ctx() { loaders }: Context): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    const loader = parsed && loaders.nodeLoader(parsed.type);
    if (!parsed || !loader) throw badUserInput(`id: "${id}" is not a valid id`, "id");
    return loader.load(parsed.id);
  }
}
