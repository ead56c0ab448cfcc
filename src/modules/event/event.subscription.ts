import { Arg, Ctx, Field, ID, InputType, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context";
import { decodeGlobalId } from "../../contract/global-id";
import type { CorroborationDelivery } from "../statement/statement-feed";
import { Event } from "./event.entity";

@InputType({ description: "Which event's corroboration to follow." })
export class EventCorroborationChangedFilter {
  @Field(() => ID, { description: "The Event." })
  eventId!: string;
}

@Resolver(() => Event)
export class EventSubscription {
  @Subscription(() => Event, {
    nullable: true,
    description:
      "The event, each time its corroboration may have changed: a statement with a stance added, changed or removed for it, or its sources or confirmers changed (by any instance). Select corroboration { … } on it; null once it is deleted.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { filter: EventCorroborationChangedFilter }, Context>) => {
      if (!context.statementFeed) throw new Error("Subscriptions are served over WebSocket only");
      return context.statementFeed.subscribeCorroboration(decodeGlobalId(args.filter.eventId, "Event", "filter.eventId"));
    },
  })
  eventCorroborationChanged(
    @Root() delivery: CorroborationDelivery,
    @Arg("filter", () => EventCorroborationChangedFilter, { description: "Which event." }) _filter: EventCorroborationChangedFilter,
    @Ctx() ctx: Context,
  ): Promise<Event | null> {
    // Nested fields read through this delivery's loaders, shared by every subscriber it reaches.
    ctx.loaders = delivery.loaders;
    ctx.lists = delivery.lists;
    return delivery.loaders.event.load(delivery.eventId);
  }
}
