"""What Tingwu serves besides /graphql: a small Chinese home page at `/`, GraphiQL with its vendored assets."""
