"""People, organisations and places: annotations cleaned, names found in plain text, one entity per referent.

The stages, in the order the build runs them (each a module; nothing here is imported eagerly, so `parse` can
use `annotations` without pulling in the rest):

- `gazetteer`: places, titles and cue words known before reading (below `parse`, with `names` and `tokens`);
- `annotations`: annotated spans cleaned into entities (what `parse` uses);
- `tokens`: the words of a text, and the archive's vocabulary;
- `knowledge`: what the archive knows before the readings (annotated names, given names) and learns from them;
- `reading`: the first reading of one cable (its `Extractor` reads `phrases` of mixed-case text, the cues of
  `people`, text in `capitals`, by the words and patterns of `cues`); `mentions`: its mentions counted;
- `decide`: the second reading, open phrases decided with what every cable taught;
- `archive`: one type, name and alias set per entity across the archive;
- `reference`: the whole pass in one process, the oracle the pipelined build is tested against.
"""

