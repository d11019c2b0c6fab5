//! Native timings of the parsers on the benchmark inputs (`cargo bench`).
//!
//! The same inputs as `npm run bench` (`bench/data/*.xml`, made by
//! `node bench/generate.mjs`), parsed to the same JSON the WebAssembly module
//! hands to JavaScript, so that "ews-wasm in Node ÷ native" compares like with
//! like: the body's bytes are decoded to text ([`ews_wasm::xml::decode`]) and
//! read by the engine to its JSON for JavaScript, as the module's `parseInput`
//! export and its bench-only `benchRun` (bench/engine.mjs) do. A small harness
//! rather than criterion (whose dependency tree would be compiled by every
//! `clippy --all-targets`): warm-up, then timed runs, median
//! with a 95% interval; results are written in criterion's layout
//! (`target/criterion/parse/<input>/new/{estimates,benchmark}.json`), which
//! bench/native.mjs reads.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn parse(name: &str, body: &[u8]) -> usize {
    use ews_wasm::json::to_json_string;
    use ews_wasm::operations::engine::{parse_json_for_js, ResponseKind};
    let kind = if name.starts_with("sync") {
        ResponseKind::SyncFolderItems
    } else if name.starts_with("gci") {
        ResponseKind::GetConversationItems
    } else {
        ResponseKind::GetImItemList
    };
    // The module's path (`parseInput`: the body's bytes checked as UTF-8,
    // then the engine's JSON for JavaScript); EWS_BENCH_TYPED=1 times the
    // typed parse + ToJson instead (the same values, tests/engine.rs).
    let typed = std::env::var_os("EWS_BENCH_TYPED").is_some_and(|v| v == "1");
    let limits = ews_wasm::Limits::default();
    let xml = match ews_wasm::xml::decode(std::hint::black_box(body)) {
        Ok(xml) => xml,
        Err(e) => {
            eprintln!("{name}: {} ({e})", e.code());
            return 0;
        }
    };
    let xml: &str = &xml;
    let out = match (typed, kind) {
        (false, _) => parse_json_for_js(kind, xml, &limits).map(|r| r.json),
        (true, ResponseKind::SyncFolderItems) => {
            ews_wasm::parse_sync_folder_items_response(xml).map(|r| to_json_string(&r))
        }
        (true, ResponseKind::GetConversationItems) => {
            ews_wasm::parse_get_conversation_items_response(xml).map(|r| to_json_string(&r))
        }
        (true, _) => ews_wasm::parse_get_im_item_list_response(xml).map(|r| to_json_string(&r)),
    };
    match out {
        Ok(json) => json.len(),
        Err(e) => {
            eprintln!("{name}: {} ({e})", e.code());
            0
        }
    }
}

fn criterion_dir(root: &Path) -> PathBuf {
    std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .unwrap_or_else(|| root.join("target").join("criterion"))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("bench").join("data");
    // Names to run (a name matches every input whose name contains it; with
    // `--exact`, only the input of that name). EWS_BENCH_SECS: the timed runs'
    // budget in seconds (default 3; bench/engine.mjs --native uses less).
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exact = args.iter().any(|a| a == "--exact");
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let budget = std::env::var("EWS_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .unwrap_or(3.0);
    let mut inputs: Vec<PathBuf> = match std::fs::read_dir(&data) {
        Ok(dir) => dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    inputs.sort();
    if inputs.is_empty() {
        println!(
            "no inputs in {}: run `node bench/generate.mjs` first",
            data.display()
        );
        return;
    }
    let out_root = criterion_dir(root).join("parse");
    println!(
        "{:<16} {:>10} {:>12} {:>20} {:>8}",
        "input", "KiB", "median ms", "95% CI (ms)", "MB/s"
    );
    for path in inputs {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_owned();
        let wanted = |f: &&String| {
            if exact {
                name == f.as_str()
            } else {
                name.contains(f.as_str())
            }
        };
        if !filter.is_empty() && !filter.iter().any(wanted) {
            continue;
        }
        let Ok(xml) = std::fs::read(&path) else {
            continue;
        };
        if parse(&name, &xml) == 0 {
            continue;
        }
        // Warm up for ~0.5 s (at least 3 runs), then time ≥ 20 runs or ~3 s.
        let warm = Instant::now();
        let mut warm_runs = 0;
        while warm_runs < 3 || warm.elapsed().as_secs_f64() < budget / 6.0 {
            std::hint::black_box(parse(&name, &xml));
            warm_runs += 1;
        }
        let mut times = Vec::new();
        let start = Instant::now();
        while times.len() < 20 || (start.elapsed().as_secs_f64() < budget && times.len() < 200) {
            let t = Instant::now();
            std::hint::black_box(parse(&name, &xml));
            times.push(t.elapsed().as_nanos() as f64);
        }
        times.sort_by(f64::total_cmp);
        let n = times.len();
        let median = times[n / 2];
        // Distribution-free 95% interval of the median: order statistics n/2 ± 0.98√n.
        let half = (0.98 * (n as f64).sqrt()).ceil() as usize;
        let lower = times[(n / 2).saturating_sub(half)];
        let upper = times[(n / 2 + half).min(n - 1)];
        let mean = times.iter().sum::<f64>() / n as f64;
        let sd = (times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
        let mbps = xml.len() as f64 / 1e6 / (median / 1e9);
        println!(
            "{name:<16} {:>10.0} {:>12.2} {:>9.2}–{:<9.2} {mbps:>8.0}",
            xml.len() as f64 / 1024.0,
            median / 1e6,
            lower / 1e6,
            upper / 1e6
        );
        let dir = out_root.join(&name).join("new");
        if std::fs::create_dir_all(&dir).is_ok() {
            let est = serde_json::json!({
                "min": times[0],
                "median": { "point_estimate": median, "confidence_interval": { "confidence_level": 0.95, "lower_bound": lower, "upper_bound": upper } },
                "mean": { "point_estimate": mean, "confidence_interval": { "confidence_level": 0.95, "lower_bound": mean, "upper_bound": mean } },
                "std_dev": { "point_estimate": sd, "confidence_interval": { "confidence_level": 0.95, "lower_bound": sd, "upper_bound": sd } }
            });
            let bench = serde_json::json!({
                "group_id": "parse", "function_id": null, "value_str": name,
                "throughput": { "Bytes": xml.len() }, "full_id": format!("parse/{name}"),
                "directory_name": format!("parse/{name}"), "title": format!("parse/{name}")
            });
            let _ = std::fs::write(dir.join("estimates.json"), est.to_string());
            let _ = std::fs::write(dir.join("benchmark.json"), bench.to_string());
        }
    }
}
