"""首问负责制 (RULEBOOK §16 S9; panyu Art 8, dongguan 5.2.1-5.2.2, nanbu 首问负责制): the first person asked, what was
asked and how it ended (answered, handed over, guided)."""
