//! The client's address (KT_TRUSTED_PROXIES): behind the recommended reverse proxy
//! every request comes from the proxy, so the throttle of sign-ins, the API's rate
//! limit and the audit log would see one client. Only when the TCP peer is a proxy the
//! operator trusts is X-Forwarded-For read, from the right, past every trusted hop;
//! otherwise the header is ignored, as anybody can send it.

use app::services::context::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose X-Forwarded-For is believed; empty by default.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// A list of addresses or CIDR ranges, separated by commas or spaces.
    pub fn parse(setting: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in setting.split([',', ' ']).filter(|s| !s.is_empty()) {
            let net = item
                .parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!(
                        "KT_TRUSTED_PROXIES: „{item}“ ist weder eine IP-Adresse noch ein Bereich wie 10.0.0.0/8."
                    )
                })?;
            nets.push(net);
        }
        Ok(TrustedProxies(Arc::new(nets)))
    }

    /// KT_TRUSTED_PROXIES, or no trusted proxy when it is not set.
    pub fn from_env() -> Result<TrustedProxies, String> {
        std::env::var("KT_TRUSTED_PROXIES")
            .map_or_else(|_| Ok(Self::default()), |v| Self::parse(&v))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request that came from `peer` with these X-Forwarded-For values
    /// (each header may list several addresses; the last was added by the nearest
    /// proxy). Walks from the right while the hop is trusted; the first address not
    /// trusted is the client. An entry that is not an address ends the walk at the
    /// trusted hop before it, so a forged value cannot name an arbitrary client.
    pub fn client<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).collect();
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop.trim()) else {
                return client;
            };
            client = ip.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// An address as proxies write it: bare, or with a port (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

fn forwarded_for(headers: &HeaderMap) -> impl DoubleEndedIterator<Item = &str> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
}

/// Middleware: resolves the client once and puts it into the request's extensions
/// (`ClientAddress`), where the services and the API's rate limit read it.
pub async fn resolve(
    State(trusted): State<TrustedProxies>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let client = trusted.client(peer, forwarded_for(req.headers()));
        req.extensions_mut().insert(ClientAddress(client));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        let forged = ["203.0.113.9"];
        assert_eq!(
            none.client(ip("192.0.2.7"), forged.into_iter()),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn a_peer_that_is_not_trusted_is_the_client_whatever_it_sends() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let forged = ["10.1.1.1"];
        assert_eq!(
            proxies.client(ip("192.0.2.7"), forged.into_iter()),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn reads_from_the_right_past_trusted_hops() {
        let proxies = TrustedProxies::parse("10.0.0.1, 172.16.0.0/12").unwrap();
        // The client forged the first entry; the outer proxy (172.16.5.5) appended the
        // real client, the inner proxy appended the outer one.
        let header = ["6.6.6.6, 198.51.100.4", "172.16.5.5"];
        assert_eq!(
            proxies.client(ip("10.0.0.1"), header.into_iter()),
            ip("198.51.100.4")
        );
    }

    #[test]
    fn only_trusted_hops_give_the_leftmost() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let header = ["10.2.2.2, 10.3.3.3"];
        assert_eq!(
            proxies.client(ip("10.0.0.1"), header.into_iter()),
            ip("10.2.2.2")
        );
        // No header at all: the proxy itself.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), std::iter::empty()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn garbage_stops_at_the_last_trusted_hop() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        let header = ["198.51.100.4, unknown"];
        assert_eq!(
            proxies.client(ip("10.0.0.1"), header.into_iter()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn ports_and_mapped_addresses_are_understood() {
        let proxies = TrustedProxies::parse("::1 127.0.0.1").unwrap();
        let header = ["[2001:db8::5]:4711"];
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), header.into_iter()),
            ip("2001:db8::5")
        );
        let header = ["198.51.100.4:1234"];
        assert_eq!(
            proxies.client(ip("::1"), header.into_iter()),
            ip("198.51.100.4")
        );
    }

    #[test]
    fn a_wrong_setting_is_refused_in_german() {
        let e = TrustedProxies::parse("10.0.0.0/8, proxy.intern").unwrap_err();
        assert!(e.contains("„proxy.intern“"), "{e}");
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }
}
