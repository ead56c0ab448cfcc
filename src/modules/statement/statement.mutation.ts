import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { write, type RowLock, type WriteScope } from "../../db/write";
import { toGlobalId } from "../../contract/global-id";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";
import { DeleteInput, DeletePayload } from "../../graphql/mutation";
import { Article } from "../article/article.entity";
import { Role } from "../auth/tokens";
import { ReviewStatus, Statement, StatementKind } from "./statement.entity";
import { CreateStatementInput, ReviewStatementsInput, UpdateStatementInput } from "./statement.inputs";

/**
 * The references a statement may have. The source article is locked (FOR SHARE) as it is
 * resolved: the span check reads its body later in the transaction, and a deleteArticle (or a
 * body change) racing this mutation must wait for it, or win before it and leave a NOT_FOUND.
 */
const REFERENCES: readonly (readonly [keyof StatementFields & `${string}Id`, string, RowLock?])[] = [
  ["speakerId", "Person"],
  ["organizationId", "Organization"],
  ["eventId", "Event"],
  ["sourceId", "Article", "FOR SHARE"],
  ["placeId", "Place"],
];

type StatementFields = Omit<CreateStatementInput, "sourceSpan"> & { sourceSpan?: { start: number; end: number } | null };

/** The given fields as columns, each reference resolved (null clears it, undefined leaves it). */
async function columnsOf(scope: WriteScope, input: Partial<StatementFields>): Promise<Partial<Statement>> {
  const { sourceSpan, ...fields } = input;
  const columns: Partial<Statement> & { [key: string]: unknown } = { ...fields };
  for (const [field, type, lock] of REFERENCES) {
    const value = input[field];
    if (value != null) columns[field] = await scope.ref(value, type, `input.${field}`, lock);
  }
  if (sourceSpan !== undefined) {
    columns.spanStart = sourceSpan?.start ?? null;
    columns.spanEnd = sourceSpan?.end ?? null;
  }
  // A stance an editor sets is theirs: the extractor's confidence no longer applies.
  if (input.stance !== undefined) columns.stanceConfidence = null;
  return columns;
}

/**
 * The rules that look at the whole statement as it will be stored: an author, and a span that lies
 * in its source's body; verbatim kinds must match the body there, character for character.
 */
async function checkStatement(scope: WriteScope, statement: Partial<Statement>): Promise<void> {
  if (!statement.speakerId && !statement.organizationId && !statement.sourceDescription) {
    scope.problems.add("input.speakerId", "hasAuthor", "a statement needs a speakerId, an organizationId or a sourceDescription");
  }
  if (statement.spanStart == null || statement.spanEnd == null) return;
  if (statement.spanEnd <= statement.spanStart) {
    scope.problems.add("input.sourceSpan.end", "afterStart", "end must be after start");
    return;
  }
  if (!statement.sourceId) {
    scope.problems.add("input.sourceSpan", "needsSource", "a sourceSpan needs a sourceId");
    return;
  }
  // Locked (as the reference was): the body cannot change or vanish before this transaction ends.
  const article = await scope.passage(Article, "body", statement.sourceId, statement.spanStart, statement.spanEnd);
  if (!article) {
    scope.missing(toGlobalId("Article", statement.sourceId), "Article", "input.sourceId");
    return;
  }
  const { length, passage } = article;
  if (statement.spanEnd > length) {
    scope.problems.add("input.sourceSpan.end", "withinBody", `the article body has only ${length} characters`);
  } else if (statement.kind !== StatementKind.PARAPHRASE && passage !== statement.text) {
    const shown = passage.length > 200 ? `${passage.slice(0, 200)}…` : passage;
    scope.problems.add("input.sourceSpan", "matchesText", `the article says "${shown}" there, not the statement's text`);
  }
}

/**
 * An editor's change of an extracted statement is a review: its time is kept, and a new revision of
 * the article keeps the statement rather than replacing it with a fresh proposal.
 */
function reviewed(before: Statement, columns: Partial<Statement>): Partial<Statement> {
  const changes = Object.entries(columns).some(([field, value]) => value !== undefined && value !== before[field as keyof Statement]);
  return before.extractor && changes ? { ...columns, reviewedAt: new Date() } : columns;
}

@Resolver(() => Statement)
export class StatementMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Statement, { description: "Records a statement; returns it as stored, and statementAdded delivers it to subscribers once committed." })
  createStatement(@Arg("input", { description: "The new statement." }) input: CreateStatementInput, @Ctx() ctx: Context): Promise<Statement> {
    return write(ctx, async (scope) => {
      const columns = await columnsOf(scope, input);
      scope.problems.throwIfAny();
      await checkStatement(scope, columns);
      return scope.insert(Statement, columns);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Statement, { description: "Changes the given fields of a statement; returns it as now stored." })
  updateStatement(@Arg("input", { description: "Which statement, and what to change." }) input: UpdateStatementInput, @Ctx() ctx: Context): Promise<Statement> {
    return write(ctx, async (scope) => {
      const { id, ...fields } = input;
      const before = await scope.lock(Statement, id);
      const columns = await columnsOf(scope, fields);
      scope.problems.throwIfAny();
      const after = { ...before, ...Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) };
      await checkStatement(scope, after);
      return scope.update(Statement, before, reviewed(before, columns));
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => [Statement], { description: `Accepts or rejects statements at once (an ingested article's proposals); returns them as now stored, in the order given. At most ${LIST_CAPS.written}.` })
  @Capped(LIST_CAPS.written)
  reviewStatements(@Arg("input", { description: "Which statements, and the decision." }) input: ReviewStatementsInput, @Ctx() ctx: Context): Promise<Statement[]> {
    return write(ctx, async (scope) => {
      const statements: Statement[] = [];
      for (const [index, id] of input.ids.entries()) {
        const before = await scope.lock(Statement, id, `input.ids.${index}`);
        // A decision is a review even where it changes nothing (accepting what was auto-accepted);
        // putting a statement back to PROPOSED undoes it, so a new revision may replace it again.
        const reviewedAt = input.status === ReviewStatus.PROPOSED ? null : new Date();
        statements.push(await scope.update(Statement, before, { reviewStatus: input.status, reviewedAt }));
      }
      return statements;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: "Deletes a statement; returns its id." })
  deleteStatement(@Arg("input", { description: "Which statement." }) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => ({
      deletedId: await scope.delete(Statement, await scope.lock(Statement, input.id), []),
    }));
  }
}
