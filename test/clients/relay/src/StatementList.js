const { graphql } = require("relay-runtime");

/** A person's statements, oldest first, paginated both ways (first/after and last/before). */
graphql`
  fragment StatementList_person on Person
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  )
  @refetchable(queryName: "StatementListPaginationQuery") {
    name
    statements(first: $first, after: $after, last: $last, before: $before, orderBy: { field: CREATED_AT, direction: ASC })
      @connection(key: "StatementList_statements") {
      totalCount
      edges {
        node {
          id
          text
          speaker {
            ...PersonCard_person
          }
        }
      }
    }
  }
`;

graphql`
  query StatementListForwardQuery($id: ID!, $first: Int!) {
    person(id: $id) {
      ...StatementList_person @arguments(first: $first)
    }
  }
`;

graphql`
  query StatementListBackwardQuery($id: ID!, $last: Int!) {
    person(id: $id) {
      ...StatementList_person @arguments(last: $last)
    }
  }
`;
