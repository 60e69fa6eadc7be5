//! A fake hh.ru and api.hh.ru on one loopback HTTPS port, serving real vacancy data, for the extension's tests.
//!
//! Requests are routed by the `Host` header: `hh.ru` (and `www.hh.ru`, `m.hh.ru`) gets the site's pages,
//! every other host gets the API. Paths under `/__control/` drive the fake itself on any host.

mod api;
mod applicant;
mod control;
mod data;
mod faults;
#[cfg(test)]
mod fixtures;
mod html;
mod http;
mod oauth;
mod pages;
mod search;
mod state;
mod time;
mod tls;

use std::net::SocketAddr;
use std::path::Path;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

pub use data::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, RESUME_ARCHITECT_ID, RESUME_PYTHON_ID, USER_ID,
};

/// How to start the fake.
#[derive(Debug, Clone)]
pub struct Config {
    /// 0 picks a free port.
    pub port: u16,
    /// The folder holding `vacancies/full_2025-11_it_100.json` and `vacancies/full_2023-04_nonit_69.json`.
    pub data_dir: PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            data_dir: default_data_dir(),
        }
    }
}

/// `FAKE_HH_DATA` if set, else the shared data folder next to the workspace (`/work/shared/data` here).
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("FAKE_HH_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// Why the fake could not start.
#[derive(Debug)]
pub enum StartError {
    Data(String),
    Tls(String),
    Io(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Data(e) => write!(f, "cannot load the fake's data: {e}"),
            StartError::Tls(e) => write!(f, "cannot set up TLS: {e}"),
            StartError::Io(e) => write!(f, "cannot listen: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A running fake. Dropping it stops the server.
pub struct Handle {
    /// The port on 127.0.0.1.
    pub port: u16,
    /// The self-signed certificate (PEM) for hh.ru, api.hh.ru, localhost and 127.0.0.1.
    pub cert_pem: String,
    task: tokio::task::JoinHandle<()>,
}

impl Handle {
    /// The socket address to map `hh.ru` and `api.hh.ru` to.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Stops accepting connections.
    pub fn shutdown(self) {
        self.task.abort();
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Data already parsed, by folder.
type DataCache = Mutex<Vec<(PathBuf, Arc<data::Data>)>>;

/// The data of a folder, parsed once per process (tests start many fakes).
fn load_cached(dir: &Path) -> Result<Arc<data::Data>, String> {
    static CACHE: OnceLock<DataCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, data)) = cache.iter().find(|(d, _)| d == dir) {
        return Ok(data.clone());
    }
    let data = Arc::new(data::Data::load(dir)?);
    cache.push((dir.to_path_buf(), data.clone()));
    Ok(data)
}

/// Loads the data, generates a certificate and starts listening on 127.0.0.1.
pub async fn start(config: Config) -> Result<Handle, StartError> {
    let data = load_cached(&config.data_dir).map_err(StartError::Data)?;
    let state = state::State::new(&data);
    let app = Arc::new(http::App {
        data,
        state: Mutex::new(state),
    });
    let (tls_config, cert_pem) = tls::server_config().map_err(StartError::Tls)?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
        .await
        .map_err(StartError::Io)?;
    let port = listener.local_addr().map_err(StartError::Io)?.port();
    let task = tokio::spawn(tls::serve(listener, tls_config, app));
    Ok(Handle {
        port,
        cert_pem,
        task,
    })
}
