import { Field, InputType, registerEnumType } from "type-graphql";
import { DateScalar } from "./scalars";
import { badUserInput } from "../contract/errors";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Which way a list is sorted.",
  valuesConfig: {
    ASC: { description: "Ascending: A to Z, oldest first." },
    DESC: { description: "Descending: Z to A, newest first." },
  },
});

@InputType({ description: "An inclusive range of days; either end may be left open; from after to is a BAD_USER_INPUT error." })
export class DateRange {
  @Field(() => DateScalar, { nullable: true, description: "The first day of the range; no lower bound when not given." })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: "The last day of the range (included); no upper bound when not given." })
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
    @Field(() => fieldEnum, { description: "What to sort by; items with equal values come in a fixed order (by id)." })
    field!: Field;

    @Field(() => OrderDirection, { defaultValue: direction, description: "Which way to sort." })
    direction!: OrderDirection;
  }
  return OrderInputType;
}
