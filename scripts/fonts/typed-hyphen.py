#!/usr/bin/env python3
"""Gives typed hyphens a glyph of their own in fonts/NotoSans-{Regular,Bold,Italic,BoldItalic}.ttf.

Why: Typst draws the hyphen it adds at a hyphenated line end with the font's glyph for '-'
and marks it as the text U+00AD (soft hyphen). A PDF font's ToUnicode CMap maps a glyph to one
text only, so the typed hyphens ("PO-Raad") and the hyphenation hyphens share one mapping and
one of the two is only right through /ActualText, which many extraction tools ignore.

What: a copy of the glyph `hyphen` named `hyphen.typed` (same outline, hinting and advance,
kerned like `hyphen`), and a GSUB single substitution hyphen -> hyphen.typed added as the last
lookup of the `ccmp` feature of every script and language system. Shapers always apply `ccmp`,
so text typed with '-' gets `hyphen.typed` (mapped to U+002D in the PDF), while Typst's
hyphenation hyphen, inserted by glyph index without shaping, keeps `hyphen` (U+00AD). The lookup
is the last in the lookup list, so every other substitution of the font still sees `hyphen`.
Nothing else changes: the cmap, names and every other glyph stay as they were.

Idempotent: a font that already has `hyphen.typed` is checked and left as it is.
Run from anywhere: python3 scripts/fonts/typed-hyphen.py (needs fontTools: pip install fonttools).
"""

import copy
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

FONTS = Path(__file__).resolve().parents[2] / "fonts"
FACES = ["Regular", "Bold", "Italic", "BoldItalic"]
SOURCE = "hyphen"
TYPED = "hyphen.typed"


def subtables(lookup):
    """The subtables of a lookup, looking through Extension lookups, with their type."""
    for st in lookup.SubTable:
        if lookup.LookupType in (7, 9) and hasattr(st, "ExtSubTable"):
            yield st.ExtensionLookupType, st.ExtSubTable
        else:
            yield lookup.LookupType, st


def all_langsys(table):
    for record in table.ScriptList.ScriptRecord:
        script = record.Script
        if script.DefaultLangSys is not None:
            yield f"{record.ScriptTag}/dflt", script.DefaultLangSys
        for lang in script.LangSysRecord:
            yield f"{record.ScriptTag}/{lang.LangSysTag}", lang.LangSys


def add_glyph(font):
    """Appends `hyphen.typed`, a copy of `hyphen`, as the last glyph (highest glyph ID)."""
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    outline = copy.deepcopy(glyf[SOURCE])
    font.setGlyphOrder(list(font.getGlyphOrder()) + [TYPED])
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs[TYPED] = outline
    hmtx[TYPED] = hmtx[SOURCE]
    gdef = font["GDEF"].table
    if gdef.GlyphClassDef and SOURCE in gdef.GlyphClassDef.classDefs:
        gdef.GlyphClassDef.classDefs[TYPED] = gdef.GlyphClassDef.classDefs[SOURCE]


def kern_like_hyphen(font):
    """Every GPOS rule that applies to `hyphen` applies to `hyphen.typed` too. The new glyph
    has the highest glyph ID, so appending keeps coverages and pair records sorted."""
    handled = 0
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for kind, st in subtables(lookup):
            if kind != 2:
                if SOURCE in repr_glyphs(st):
                    sys.exit(f"GPOS lookup type {kind} uses {SOURCE}: not handled by this script")
                continue
            if st.Format == 1:
                for pairset in st.PairSet:
                    for rec in list(pairset.PairValueRecord):
                        if rec.SecondGlyph == SOURCE:
                            twin = copy.deepcopy(rec)
                            twin.SecondGlyph = TYPED
                            pairset.PairValueRecord.append(twin)
                            pairset.PairValueCount = len(pairset.PairValueRecord)
                            handled += 1
                glyphs = st.Coverage.glyphs
                if SOURCE in glyphs:
                    st.PairSet.append(copy.deepcopy(st.PairSet[glyphs.index(SOURCE)]))
                    st.PairSetCount = len(st.PairSet)
                    glyphs.append(TYPED)
                    handled += 1
            elif st.Format == 2:
                if SOURCE in st.Coverage.glyphs:
                    st.Coverage.glyphs.append(TYPED)
                    handled += 1
                for classdef in (st.ClassDef1, st.ClassDef2):
                    if SOURCE in classdef.classDefs:
                        classdef.classDefs[TYPED] = classdef.classDefs[SOURCE]
                        handled += 1
    return handled


def repr_glyphs(st):
    """Glyph names a subtable mentions (for the check that nothing unhandled uses `hyphen`)."""
    names = set()

    def walk(obj, depth=0):
        if depth > 8:
            return
        if isinstance(obj, str):
            names.add(obj)
        elif isinstance(obj, dict):
            for k, v in obj.items():
                walk(k, depth + 1)
                walk(v, depth + 1)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v, depth + 1)
        elif hasattr(obj, "__dict__"):
            walk(vars(obj), depth + 1)

    walk(st)
    return names


def substitute_in_ccmp(font):
    """Adds the lookup hyphen -> hyphen.typed, last in the lookup list, to every `ccmp`."""
    gsub = font["GSUB"].table
    for lookup in gsub.LookupList.Lookup:
        for _, st in subtables(lookup):
            if SOURCE in repr_glyphs(st):
                sys.exit(f"a GSUB lookup already uses {SOURCE}: check the order of substitutions")
    lookup = otTables.Lookup()
    lookup.LookupType = 1
    lookup.LookupFlag = 0
    single = otTables.SingleSubst()
    single.Format = 2
    single.mapping = {SOURCE: TYPED}
    lookup.SubTable = [single]
    lookup.SubTableCount = 1
    gsub.LookupList.Lookup.append(lookup)
    gsub.LookupList.LookupCount = len(gsub.LookupList.Lookup)
    index = len(gsub.LookupList.Lookup) - 1

    features = gsub.FeatureList.FeatureRecord
    for where, langsys in all_langsys(gsub):
        ccmp = [i for i in langsys.FeatureIndex if features[i].FeatureTag == "ccmp"]
        if not ccmp:
            sys.exit(f"{where} has no ccmp feature: add one before running this script")
        for i in ccmp:
            indices = features[i].Feature.LookupListIndex
            if index not in indices:
                indices.append(index)
                features[i].Feature.LookupCount = len(indices)


def check(font, path):
    """The state this script leaves: `hyphen.typed` like `hyphen`, substituted in every ccmp."""
    assert TYPED in font.getGlyphOrder(), path
    assert font["hmtx"][TYPED] == font["hmtx"][SOURCE], path
    a, b = font["glyf"][TYPED], font["glyf"][SOURCE]
    assert a.getCoordinates(font["glyf"])[0] == b.getCoordinates(font["glyf"])[0], path
    assert TYPED not in font.getBestCmap().values(), path
    gsub = font["GSUB"].table
    features = gsub.FeatureList.FeatureRecord
    for where, langsys in all_langsys(gsub):
        found = False
        for i in langsys.FeatureIndex:
            if features[i].FeatureTag != "ccmp":
                continue
            for li in features[i].Feature.LookupListIndex:
                for kind, st in subtables(gsub.LookupList.Lookup[li]):
                    if kind == 1 and st.mapping.get(SOURCE) == TYPED:
                        found = True
        assert found, f"{path}: {where} does not substitute {TYPED}"


def main():
    for face in FACES:
        path = FONTS / f"NotoSans-{face}.ttf"
        # Keep head.modified and the checksums' inputs as they are: same script, same bytes.
        font = TTFont(path, recalcTimestamp=False)
        if TYPED in font.getGlyphOrder():
            check(font, path)
            print(f"{path.name}: already has {TYPED}, left as it is")
            continue
        add_glyph(font)
        kerned = kern_like_hyphen(font)
        substitute_in_ccmp(font)
        font.save(path)
        check(TTFont(path), path)
        print(f"{path.name}: added {TYPED} ({kerned} kerning entries copied) and the ccmp substitution")


if __name__ == "__main__":
    main()
