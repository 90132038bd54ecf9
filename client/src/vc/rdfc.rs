//! A JSON-LD document as its canonical N-Quads (RDFC-1.0): expanded to RDF by the `json-ld`
//! crate with only the bundled contexts, canonicalized by the `rdf-canon` crate.

use super::contexts::BUNDLED;
use iref::IriBuf;
use json_ld::{syntax::Parse, JsonLdProcessor, RemoteDocument};
use std::{collections::HashMap, sync::OnceLock};

type Loader = HashMap<IriBuf, RemoteDocument>;

/// The bundled contexts, parsed once.
fn loader() -> Result<&'static Loader, String> {
	static LOADER: OnceLock<Result<Loader, String>> = OnceLock::new();
	LOADER
		.get_or_init(|| {
			let mut map = HashMap::new();
			for (url, text) in BUNDLED {
				let iri = IriBuf::new(url.to_string()).map_err(|e| format!("{url}: {e:?}"))?;
				let (value, _) = json_ld::syntax::Value::parse_str(text).map_err(|e| format!("context {url}: {e}"))?;
				map.insert(iri.clone(), RemoteDocument::new(Some(iri), None, value));
			}
			Ok(map)
		})
		.as_ref()
		.map_err(Clone::clone)
}

/// The canonical N-Quads of `document`. A context that is not bundled is an error, never a
/// download.
pub async fn canonicalize(document: &serde_json::Value) -> Result<String, String> {
	let text = serde_json::to_string(document).map_err(|e| e.to_string())?;
	let (value, _) = json_ld::syntax::Value::parse_str(&text).map_err(|e| e.to_string())?;
	let input = RemoteDocument::new(None, None, value);
	let mut blanks = rdf_types::generator::Blank::new();
	let mut rdf = input
		.to_rdf(&mut blanks, loader()?)
		.await
		.map_err(|e| format!("JSON-LD expansion failed (only the bundled contexts are loaded): {e}"))?;
	let quads = rdf.cloned_quads().map(quad).collect::<Result<Vec<_>, _>>()?;
	rdf_canon::canonicalize_quads(&quads).map_err(|e| format!("RDF canonicalization failed: {e}"))
}

/// A `json-ld` quad as an `oxrdf` one, which `rdf-canon` takes.
fn quad(q: rdf_types::Quad<rdf_types::Id, rdf_types::Id, rdf_types::Term, rdf_types::Id>) -> Result<oxrdf::Quad, String> {
	let rdf_types::Quad(s, p, o, g) = q;
	let rdf_types::Id::Iri(p) = p else { return Err(format!("a blank node as predicate: {p}")) };
	let graph = match g {
		None => oxrdf::GraphName::DefaultGraph,
		Some(g) => match node(g)? {
			oxrdf::Subject::NamedNode(n) => n.into(),
			oxrdf::Subject::BlankNode(b) => b.into(),
		},
	};
	Ok(oxrdf::Quad::new(node(s)?, named(p.as_str())?, object(o)?, graph))
}

fn named(iri: &str) -> Result<oxrdf::NamedNode, String> {
	oxrdf::NamedNode::new(iri).map_err(|e| format!("IRI {iri}: {e}"))
}

fn node(id: rdf_types::Id) -> Result<oxrdf::Subject, String> {
	Ok(match id {
		rdf_types::Id::Iri(iri) => named(iri.as_str())?.into(),
		rdf_types::Id::Blank(b) => oxrdf::BlankNode::new(b.suffix()).map_err(|e| format!("blank node {b}: {e}"))?.into(),
	})
}

fn object(term: rdf_types::Term) -> Result<oxrdf::Term, String> {
	Ok(match term {
		rdf_types::Term::Id(id) => match node(id)? {
			oxrdf::Subject::NamedNode(n) => n.into(),
			oxrdf::Subject::BlankNode(b) => b.into(),
		},
		rdf_types::Term::Literal(l) => match l.type_ {
			rdf_types::LiteralType::Any(ty) => oxrdf::Literal::new_typed_literal(l.value, named(ty.as_str())?).into(),
			rdf_types::LiteralType::LangString(tag) => oxrdf::Literal::new_language_tagged_literal(l.value, tag.as_str())
				.map_err(|e| format!("language tag {tag}: {e}"))?
				.into(),
		},
	})
}
