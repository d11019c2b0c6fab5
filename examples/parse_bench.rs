//! Times the native parsers on a file: `cargo run --release --example parse_bench -- sync|gci|im FILE [RUNS]`.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(op), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: parse_bench sync|gci|im FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(30);
    let xml = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let run = || -> usize {
        match op.as_str() {
            "sync" => ews_wasm::parse_sync_folder_items_response(&xml)
                .map(|r| ews_wasm::json::to_json_string(&r).len()),
            "gci" => ews_wasm::parse_get_conversation_items_response(&xml)
                .map(|r| ews_wasm::json::to_json_string(&r).len()),
            _ => ews_wasm::parse_get_im_item_list_response(&xml)
                .map(|r| ews_wasm::json::to_json_string(&r).len()),
        }
        .unwrap_or(0)
    };
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{op} {path}: median {:.2} ms (min {:.2}) over {runs} runs, {} bytes of JSON",
        times[runs / 2],
        times[0],
        run()
    );
}
