package engine

// Interner gives the names of usage records (provider, model, organization,
// project, user, tag keys and values) small ids by their content, and makes the
// records that share a name share one string. A UsageDecoder interns every record
// it decodes; Intern does the same for records made in Go. An Aggregator sums
// interned records by these ids, without hashing their names.
//
// An Interner holds at most 16384 names; later new names are kept as they are,
// without an id (still exact, only slower to aggregate). It is not safe for
// concurrent use.
type Interner struct {
	t keyTable
}

// maxInterned bounds the names of an Interner, so that its memory stays bounded
// whatever the input.
const maxInterned = 1 << 14

// NewInterner returns an empty Interner.
func NewInterner() *Interner {
	in := &Interner{}
	in.t.init()
	return in
}

// Intern makes u's names the interner's strings and records their ids in u (in
// unexported fields: the record's exported fields keep their values).
func (in *Interner) Intern(u *Usage) {
	u.Provider, u.keys.provider = in.str(u.Provider)
	u.Model, u.keys.model = in.str(u.Model)
	u.OrganizationID, u.keys.organization = in.str(u.OrganizationID)
	u.ProjectID, u.keys.project = in.str(u.ProjectID)
	u.UserID, _ = in.str(u.UserID)
	for k, v := range u.Tags {
		v, _ = in.str(v)
		u.Tags[k] = v // the map's own key string stays; only values are shared
	}
}

// str returns the interned string equal to s and its id plus one (0: none).
func (in *Interner) str(s string) (string, int32) {
	if id := find(&in.t, s); id >= 0 {
		return in.t.keys[id], id + 1
	}
	if in.t.len() >= maxInterned {
		return s, 0
	}
	return s, in.t.insert(s) + 1
}

// bytes returns the interned string equal to b and its id plus one (0: none). It
// allocates only for a name it has not seen.
func (in *Interner) bytes(b []byte) (string, int32) {
	if id := find(&in.t, b); id >= 0 {
		return in.t.keys[id], id + 1
	}
	s := string(b)
	if in.t.len() >= maxInterned {
		return s, 0
	}
	return s, in.t.insert(s) + 1
}

// nameIDs are the ids an Interner gave a record's names, plus one; 0 when a name
// has none. They are hints: whoever uses an id checks the name against the string
// it remembered for it, so a record whose names were changed after interning (or
// interned by another Interner) is still summed by its names.
type nameIDs struct {
	provider, model, organization, project int32
}
