// A small Relay app: these graphql`` documents are only read by relay-compiler (there is no Babel
// plugin here); test/clients.test.ts loads the artifacts it generates and runs them with relay-runtime.
const { graphql } = require("relay-runtime");

/** A person's card, refetchable on its own through Query.node. */
graphql`
  fragment PersonCard_person on Person @refetchable(queryName: "PersonCardRefetchQuery") {
    id
    name
    description
  }
`;

graphql`
  query PersonCardQuery($id: ID!) {
    person(id: $id) {
      ...PersonCard_person
    }
  }
`;

graphql`
  mutation PersonCardRenameMutation($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      ...PersonCard_person
    }
  }
`;
