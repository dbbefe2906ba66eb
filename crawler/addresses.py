"""Where requests may go: the address policy applied to the resolved address of every request.

A public host name may resolve to a private, loopback, link-local (169.254.169.254: cloud metadata) or other
internal address; fetching it would let a hostile site or registry entry reach the crawl machine's own
network. Such addresses are refused unless the site's own start URL resolves to that very address (the
sample sites live on loopback, and a registry may deliberately name an intranet portal).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Refused unless a site's start URL resolves there (setting CONGDOAN_BLOCKED_NETWORKS replaces the list,
#: CONGDOAN_EXTRA_BLOCKED_NETWORKS adds to it): "this host", private, carrier-grade NAT, loopback,
#: link-local (metadata endpoints), IETF/documentation/benchmark ranges, multicast, reserved, broadcast.
DEFAULT_BLOCKED_NETWORKS: tuple[str, ...] = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
    "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
    "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
)


def parse_ip(text: str) -> IPAddress | None:
    """``text`` as an IP address (brackets and an IPv6 zone stripped), or None when it is a host name."""
    text = text.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


class AddressPolicy:
    """Decides whether a resolved address may be fetched.

    Args:
        blocked: CIDR ranges refused by default (``DEFAULT_BLOCKED_NETWORKS`` when None).
    """

    def __init__(self, blocked: Iterable[str] | None = None) -> None:
        self.networks: tuple[IPNetwork, ...] = tuple(
            ipaddress.ip_network(n.strip(), strict=False) for n in (DEFAULT_BLOCKED_NETWORKS if blocked is None
                                                                  else blocked) if n.strip())

    @staticmethod
    def _ip(address: IPAddress | str) -> IPAddress | None:
        ip = parse_ip(address) if isinstance(address, str) else address
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # an IPv4-mapped IPv6 address is judged as IPv4
        return ip

    def blocking(self, address: IPAddress | str) -> tuple[IPNetwork, ...]:
        """The blocked ranges that hold ``address``."""
        ip = self._ip(address)
        if ip is None:
            raise ValueError(f"{address!r} is not an IP address")
        return tuple(net for net in self.networks if ip.version == net.version and ip in net)

    def is_blocked(self, address: IPAddress | str) -> bool:
        """Whether ``address`` lies in a blocked range."""
        return bool(self.blocking(address))

    def refused(self, addresses: Iterable[IPAddress | str], allowed: Iterable[IPAddress | str] = ()
                ) -> str | None:
        """The first of ``addresses`` that may not be fetched (anything that is not an IP address included),
        or None. ``allowed`` are the addresses the site's own start URLs resolve to: a site whose start URL lies
        in a blocked range may reach that range (an intranet site stays in its intranet), never another one."""
        exempt = {ip for ip in map(self._ip, allowed) if ip is not None}
        exempt_ranges = {net for ip in exempt for net in self.blocking(ip)}
        for address in addresses:
            ip = self._ip(address)
            if ip is None or (ip not in exempt and any(n not in exempt_ranges for n in self.blocking(ip))):
                return str(address)
        return None
