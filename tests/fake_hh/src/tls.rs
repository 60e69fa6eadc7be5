//! TLS: a self-signed certificate made at start (no files), and the accept loop that hands connections to hyper.

use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::http::App;

const NAMES: [&str; 6] = [
    "hh.ru",
    "api.hh.ru",
    "www.hh.ru",
    "m.hh.ru",
    "localhost",
    "127.0.0.1",
];

/// A rustls server config with a fresh self-signed certificate, and that certificate as PEM.
pub fn server_config() -> Result<(Arc<rustls::ServerConfig>, String), String> {
    let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    let certified = rcgen::generate_simple_self_signed(names).map_err(|e| e.to_string())?;
    let cert_pem = certified.cert.pem();
    let cert: CertificateDer<'static> = certified.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .map_err(|e| e.to_string())?;
    // HTTP/1.1 only: every request then carries a Host header to route by.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((Arc::new(config), cert_pem))
}

/// Accepts connections until the task is aborted.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Arc<rustls::ServerConfig>,
    app: Arc<App>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    let router = crate::http::router(app);
    loop {
        let Ok((tcp, _peer)) = listener.accept().await else {
            // Out of file descriptors or similar: wait a moment instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let acceptor = acceptor.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let Ok(Ok(tls)) =
                tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await
            else {
                return;
            };
            let service = TowerToHyperService::new(router);
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}
