//! Parses an EWS response file and prints it as JSON:
//! `cargo run --example parse -- sync|gci|imitems|imitemlist FILE`.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(op), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: parse sync|gci|imitems|imitemlist FILE");
        return ExitCode::from(2);
    };
    let xml = match std::fs::read_to_string(path) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let json = match op.as_str() {
        "sync" => ews_wasm::parse_sync_folder_items_response(&xml)
            .map(|r| serde_json::to_string_pretty(&r)),
        "gci" => ews_wasm::parse_get_conversation_items_response(&xml)
            .map(|r| serde_json::to_string_pretty(&r)),
        "imitems" => {
            ews_wasm::parse_get_im_items_response(&xml).map(|r| serde_json::to_string_pretty(&r))
        }
        "imitemlist" => ews_wasm::parse_get_im_item_list_response(&xml)
            .map(|r| serde_json::to_string_pretty(&r)),
        _ => {
            eprintln!("unknown operation {op}");
            return ExitCode::from(2);
        }
    };
    match json {
        Ok(Ok(s)) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("serialize: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{}: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}
