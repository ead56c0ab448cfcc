import { Field, InputType, registerEnumType } from "type-graphql";
import { DateScalar } from "./scalars";
import { badUserInput } from "./errors";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, { name: "OrderDirection" });

@InputType({ description: "An inclusive range of days; either end may be left open." })
export class DateRange {
  @Field(() => DateScalar, { nullable: true })
  from?: string;

  @Field(() => DateScalar, { nullable: true })
  to?: string;
}

export function checkDateRange(range: DateRange | undefined, argumentName: string): void {
  if (range?.from && range.to && range.from > range.to) {
    throw badUserInput(`${argumentName}: from (${range.from}) is after to (${range.to})`, argumentName);
  }
}

export interface Ordering<Field extends string> {
  field: Field;
  direction: OrderDirection;
}

/** The `XOrder` input of a list: which field to sort by, and which way (defaulting to `direction`). */
export function OrderInput<Field extends string>(fieldEnum: object, direction: OrderDirection) {
  @InputType()
  abstract class OrderInputType implements Ordering<Field> {
    @Field(() => fieldEnum)
    field!: Field;

    @Field(() => OrderDirection, { defaultValue: direction })
    direction!: OrderDirection;
  }
  return OrderInputType;
}
