package engine

// catalogIndex finds the entries of a provider's model name (a model or an alias).
// Names are placed by content (keyTable): no Go map, so a lookup costs the same
// instructions in every process. Lists keep the order names were first indexed.
type catalogIndex struct {
	names keyTable          // model names and aliases, to ids
	lists [][]*providerList // by name id: the lists of that name, one per provider
	order []*providerList   // every list, in the order first set
}

// providerList is the entries of one provider and name, newest effective date
// first.
type providerList struct {
	provider, name string
	entries        []*Entry
}

func (x *catalogIndex) init() { x.names.init() }

// get returns the entries of provider (canonical) and name, or nil.
func (x *catalogIndex) get(provider, name string) []*Entry {
	id := find(&x.names, name)
	if id < 0 {
		return nil
	}
	for _, l := range x.lists[id] {
		if l.provider == provider {
			return l.entries
		}
	}
	return nil
}

// set makes entries the list of provider and name.
func (x *catalogIndex) set(provider, name string, entries []*Entry) {
	id := x.names.id(name)
	if int(id) == len(x.lists) {
		x.lists = append(x.lists, nil)
	}
	for _, l := range x.lists[id] {
		if l.provider == provider {
			l.entries = entries
			return
		}
	}
	l := &providerList{provider: provider, name: name, entries: entries}
	x.lists[id] = append(x.lists[id], l)
	x.order = append(x.order, l)
}

// all returns every list, in the order first set.
func (x *catalogIndex) all() []*providerList { return x.order }
