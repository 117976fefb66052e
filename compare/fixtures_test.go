package compare

// fixtures holds the result documents and configs the tests compare.
const fixtures = "../testdata/compare"
