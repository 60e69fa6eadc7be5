//! `fake-hh [--port N] [--data-dir PATH]`: runs the fake hh.ru until killed, after printing `FAKE_HH_LISTENING port=<port>`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: fake-hh [--port N] [--data-dir PATH]";

fn parse_args(args: &[String]) -> Result<fake_hh::Config, String> {
    let mut config = fake_hh::Config::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => {
                let value = iter.next().ok_or("--port needs a number")?;
                config.port = value
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {value}"))?;
            }
            "--data-dir" => {
                config.data_dir = PathBuf::from(iter.next().ok_or("--data-dir needs a path")?);
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument: {other}\n{USAGE}")),
        }
    }
    Ok(config)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse_args(&args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("fake-hh: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        match fake_hh::start(config).await {
            Ok(handle) => {
                let mut out = std::io::stdout();
                let _ = writeln!(out, "FAKE_HH_LISTENING port={}", handle.port);
                let _ = out.flush();
                std::future::pending::<()>().await;
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fake-hh: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
