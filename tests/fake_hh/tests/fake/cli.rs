//! The `fake-hh` binary: the listening line, and a clear refusal of bad arguments.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Command, Stdio};

#[test]
fn the_binary_prints_its_port_and_listens() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-hh"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line);
    let port: Option<u16> = line
        .trim()
        .strip_prefix("FAKE_HH_LISTENING port=")
        .and_then(|p| p.parse().ok());
    let connected = port.map(|p| TcpStream::connect(("127.0.0.1", p)).is_ok());
    let _ = child.kill();
    let _ = child.wait();
    assert!(read.is_ok(), "{read:?}");
    assert!(port.is_some_and(|p| p > 0), "{line:?}");
    assert_eq!(connected, Some(true));
}

#[test]
fn bad_arguments_exit_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_fake-hh"))
        .arg("--bogus")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage: fake-hh"));
    let missing = Command::new(env!("CARGO_BIN_EXE_fake-hh"))
        .args(["--data-dir", "/nonexistent"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot load the fake's data"));
    assert!(missing.stdout.is_empty());
}
