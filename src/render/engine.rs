//! The Typst engine: embedded fonts and templates, plus the current document's inputs in
//! memory. One `Typesetter` can compile many times; Typst's caches are kept between compiles
//! (bounded by age) so a rebuild redoes only what changed.

use super::fonts::FONTS;
use super::inputs::InputFiles;
use super::templates::{DATA_DIR, TEMPLATES};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Dict, IntoValue};
use typst::syntax::{FileId, Source};
use typst::{World, WorldExt};
use typst_as_lib::TypstEngine;
use typst_as_lib::conversions::IntoFileId;
use typst_as_lib::file_resolver::FileResolver;
use typst_layout::PagedDocument;

/// Cache entries unused for this many compiles are dropped: memory stays bounded in `watch`.
const CACHE_MAX_AGE: usize = 10;

#[derive(Default)]
struct Memory {
    sources: HashMap<FileId, Source>,
    data: HashMap<FileId, Bytes>,
}

/// Serves the templates and the current inputs; nothing from the machine's file system.
#[derive(Clone, Default)]
struct MemoryResolver(Arc<RwLock<Memory>>);

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

impl FileResolver for MemoryResolver {
    fn resolve_binary(&self, id: FileId) -> FileResult<Cow<'_, Bytes>> {
        let mem = self
            .0
            .read()
            .map_err(|_| FileError::Other(Some("input store poisoned".into())))?;
        if let Some(bytes) = mem.data.get(&id) {
            return Ok(Cow::Owned(bytes.clone()));
        }
        match mem.sources.get(&id) {
            Some(src) => Ok(Cow::Owned(Bytes::from_string(src.text().to_string()))),
            None => Err(not_found(id)),
        }
    }

    fn resolve_source(&self, id: FileId) -> FileResult<Cow<'_, Source>> {
        let mem = self
            .0
            .read()
            .map_err(|_| FileError::Other(Some("input store poisoned".into())))?;
        mem.sources
            .get(&id)
            .cloned()
            .map(Cow::Owned)
            .ok_or_else(|| not_found(id))
    }
}

pub struct Typesetter {
    engine: TypstEngine,
    memory: MemoryResolver,
}

/// A problem Typst reported, with the template location when there is one.
#[derive(Debug, Clone)]
pub struct TypstProblem {
    pub message: String,
    pub location: Option<String>,
    pub hints: Vec<String>,
}

impl TypstProblem {
    /// A problem without a template location.
    pub fn new(message: impl Into<String>) -> Self {
        TypstProblem {
            message: message.into(),
            location: None,
            hints: Vec::new(),
        }
    }
}

impl std::fmt::Display for TypstProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        f.write_str(&self.message)?;
        for h in &self.hints {
            write!(f, "\n  = hint: {h}")?;
        }
        Ok(())
    }
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    pub fn new() -> Self {
        let memory = MemoryResolver::default();
        {
            let mut mem = memory.0.write().expect("fresh lock");
            for (path, text) in TEMPLATES {
                let id = path.into_file_id();
                mem.sources.insert(id, Source::new(id, (*text).to_string()));
            }
        }
        let engine = TypstEngine::builder()
            .fonts(FONTS)
            .add_file_resolver(memory.clone())
            // We evict ourselves after each compile, keeping recent entries (see `compile`).
            .comemo_evict_max_age(None)
            .build();
        Typesetter { engine, memory }
    }

    /// Replaces the document inputs. Files whose bytes did not change keep their cached work.
    pub fn set_inputs(&self, inputs: &InputFiles) {
        let mut mem = self.memory.0.write().expect("input store lock");
        let mut data = HashMap::with_capacity(inputs.files.len());
        for (path, bytes) in &inputs.files {
            let id = format!("{DATA_DIR}/{path}");
            let id = id.as_str().into_file_id();
            let reused = mem
                .data
                .get(&id)
                .filter(|old| old.as_slice() == bytes.as_slice())
                .cloned();
            data.insert(id, reused.unwrap_or_else(|| Bytes::new(bytes.clone())));
        }
        mem.data = data;
    }

    /// Compiles `main` (e.g. "/dashboard.typ"). Warnings count as errors: a missing font, for
    /// one, only warns and prints blank text.
    pub fn compile(&self, main: &str) -> Result<PagedDocument, Vec<TypstProblem>> {
        let result = self.compile_in(main, Dict::new());
        comemo::evict(CACHE_MAX_AGE);
        result
    }

    /// Lays out part `index` of the package (`/package.typ` with `part` set) on its own; safe to
    /// call from several threads at once. Call [`Typesetter::done`] when all parts are laid out.
    pub fn compile_part(&self, index: usize) -> Result<PagedDocument, Vec<TypstProblem>> {
        let mut inputs = Dict::new();
        inputs.insert("part".into(), (index as i64).into_value());
        self.compile_in("/package.typ", inputs)
    }

    /// Ends a round of [`Typesetter::compile_part`]: drops cache entries unused for a while.
    pub fn done(&self) {
        comemo::evict(CACHE_MAX_AGE);
    }

    fn compile_in(&self, main: &str, mut inputs: Dict) -> Result<PagedDocument, Vec<TypstProblem>> {
        inputs.insert("data".into(), DATA_DIR.into_value());
        let world = match self.engine.world_builder(main).with_inputs(inputs).build() {
            Ok(w) => w,
            Err(e) => {
                return Err(vec![TypstProblem {
                    message: e.to_string(),
                    location: None,
                    hints: Vec::new(),
                }]);
            }
        };
        let warned = typst::compile::<PagedDocument>(&world);
        match warned.output {
            Ok(doc) if warned.warnings.is_empty() => Ok(doc),
            Ok(_) => Err(problems(&world, &warned.warnings)),
            Err(errors) => Err(problems(&world, &errors)),
        }
    }
}

/// Typst's diagnostics, located in `typst-templates/`.
fn problems(world: &dyn World, diags: &[SourceDiagnostic]) -> Vec<TypstProblem> {
    diags
        .iter()
        .map(|d| {
            let location = d.span.id().and_then(|id| {
                let source = world.source(id).ok()?;
                let range = world.range(d.span)?;
                let line = source.lines().byte_to_line(range.start)? + 1;
                let col = source.lines().byte_to_column(range.start)? + 1;
                let path = id.vpath().get_with_slash();
                Some(format!("typst-templates{path}:{line}:{col}"))
            });
            let kind = if d.severity == Severity::Warning {
                "warning treated as error: "
            } else {
                ""
            };
            TypstProblem {
                message: format!("{kind}{}", d.message),
                location,
                hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
            }
        })
        .collect()
}
