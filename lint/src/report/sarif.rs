//! SARIF 2.1.0 (what GitHub code scanning ingests), typed with serde-sarif: one rule per finding
//! kind with its explanation as help, one result per finding with its primary location,
//! every other label as a related location, each thread's path as a code flow, and the
//! edit-stable fingerprint as a partial fingerprint.

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, CodeFlow, Location, Message, MultiformatMessageString, PhysicalLocation,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run,
    Sarif, ThreadFlow, ThreadFlowLocation, Tool, ToolComponent,
};

use super::{Kind, Label, Report, Severity};
use crate::source::SourceDb;

/// Where each rule's documentation lives. The tool is not published at a fixed address yet, so
/// the URI names the explanation the tool itself prints (`cargo lockorder --explain KIND`).
fn help_uri(kind: Kind) -> String {
    format!("urn:cargo-lockorder:explain:{}", kind.code())
}

fn text(s: impl Into<String>) -> Message {
    Message::builder().text(s.into()).build()
}

fn location(db: &SourceDb, l: &Label, id: Option<i64>) -> Location {
    let f = db.get(l.loc.file);
    let end = f.text.get(..l.loc.end as usize).unwrap_or("");
    let end_line = end.matches('\n').count() as i64 + 1;
    let end_column = end.rsplit('\n').next().map_or(0, |s| s.chars().count()) as i64 + 1;
    let region = Region::builder()
        .start_line(i64::from(l.loc.line))
        .start_column(i64::from(l.loc.column))
        .end_line(end_line.max(i64::from(l.loc.line)))
        .end_column(end_column)
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(f.display.clone()).build())
        .region(region)
        .build();
    let loc = Location::builder()
        .physical_location(physical)
        .message(text(l.message.clone()));
    match id {
        Some(id) => loc.id(id).build(),
        None => loc.build(),
    }
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    }
}

fn rule(kind: Kind) -> ReportingDescriptor {
    let level = kind.default_severity().as_str();
    ReportingDescriptor::builder()
        .id(kind.code())
        .name(kind.code())
        .short_description(
            MultiformatMessageString::builder()
                .text(kind.summary())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(kind.description())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(kind.explain())
                .build(),
        )
        .help_uri(help_uri(kind))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::json!(level))
                .build(),
        )
        .build()
}

pub fn render(report: &Report, db: &SourceDb) -> String {
    let rules: Vec<ReportingDescriptor> = Kind::ALL.iter().map(|&k| rule(k)).collect();
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .map(|f| {
            let rule_index = Kind::ALL.iter().position(|&k| k == f.kind).unwrap_or(0) as i64;
            let primary = f.primary().cloned();
            let related: Vec<Location> = f
                .labels
                .iter()
                .filter(|l| Some(*l) != primary.as_ref())
                .enumerate()
                .map(|(i, l)| location(db, l, Some(i as i64 + 1)))
                .collect();
            let flows: Vec<CodeFlow> = f
                .flows
                .iter()
                .filter(|steps| !steps.is_empty())
                .map(|steps| {
                    let locations: Vec<ThreadFlowLocation> = steps
                        .iter()
                        .map(|s| {
                            ThreadFlowLocation::builder()
                                .location(location(db, s, None))
                                .build()
                        })
                        .collect();
                    CodeFlow::builder()
                        .thread_flows(vec![ThreadFlow::builder().locations(locations).build()])
                        .build()
                })
                .collect();
            let mut message = f.message.clone();
            for n in &f.notes {
                message.push('\n');
                message.push_str(n);
            }
            let fingerprints = BTreeMap::from([("lockorder/v1".to_string(), f.fingerprint())]);
            let mut result = SarifResult::builder()
                .rule_id(f.kind.code())
                .rule_index(rule_index)
                .level(level(f.severity))
                .message(text(message))
                .partial_fingerprints(fingerprints)
                .locations(
                    primary
                        .iter()
                        .map(|l| location(db, l, None))
                        .collect::<Vec<_>>(),
                )
                .build();
            if !related.is_empty() {
                result.related_locations = Some(related);
            }
            if !flows.is_empty() {
                result.code_flows = Some(flows);
            }
            result
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("lockorder")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    // Serializing plain data cannot fail.
    serde_json::to_string_pretty(&sarif).unwrap_or_default()
}
