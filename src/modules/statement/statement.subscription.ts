import { Arg, Ctx, Field, ID, InputType, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context";
import { decodeGlobalId } from "../../contract/global-id";
import { ReviewStatus, Stance, Statement } from "./statement.entity";
import type { Delivery, StatementFilter } from "./statement-feed";

@InputType({ description: "Which new statements to receive; all given conditions must hold." })
export class StatementAddedFilter {
  @Field(() => ID, { nullable: true, description: "About this Event." })
  eventId?: string;

  @Field(() => ID, { nullable: true, description: "Said by this Person." })
  speakerId?: string;

  @Field(() => ID, { nullable: true, description: "Said for this Organization." })
  organizationId?: string;

  @Field(() => [ReviewStatus], {
    nullable: true,
    description: "With any of these review statuses, when added or when it reaches one later (a proposal accepted). Default: ACCEPTED only, what a public dashboard shows.",
  })
  reviewStatus?: ReviewStatus[];

  @Field(() => [Stance], { nullable: true, description: "With any of these stances toward their event." })
  stance?: Stance[];
}

function feedFilter(filter: StatementAddedFilter | undefined): StatementFilter {
  return {
    eventId: filter?.eventId ? decodeGlobalId(filter.eventId, "Event", "filter.eventId") : undefined,
    speakerId: filter?.speakerId ? decodeGlobalId(filter.speakerId, "Person", "filter.speakerId") : undefined,
    organizationId: filter?.organizationId ? decodeGlobalId(filter.organizationId, "Organization", "filter.organizationId") : undefined,
    reviewStatus: filter?.reviewStatus?.length ? filter.reviewStatus : [ReviewStatus.ACCEPTED],
    stance: filter?.stance?.length ? filter.stance : undefined,
  };
}

@Resolver(() => Statement)
export class StatementSubscription {
  @Subscription(() => Statement, {
    description: "Each new statement matching the filter, the moment it is committed (by any instance).",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { filter?: StatementAddedFilter }, Context>) => {
      if (!context.statementFeed) throw new Error("Subscriptions are served over WebSocket only");
      return context.statementFeed.subscribe(feedFilter(args.filter));
    },
  })
  statementAdded(
    @Root() delivery: Delivery,
    @Arg("filter", () => StatementAddedFilter, { nullable: true, description: "Which statements to receive; all of them when not given." }) _filter: StatementAddedFilter | undefined,
    @Ctx() ctx: Context,
  ): Statement {
    // Nested fields read through this delivery's loaders, shared by every subscriber it reaches.
    ctx.loaders = delivery.loaders;
    ctx.lists = delivery.lists;
    return delivery.statement;
  }
}
