"""Vietnam's 63 pre-2025 provinces and the province each belongs to since the July 2025 merger.

Source: Resolution 202/2025/QH15 (in force 1 July 2025), as compiled in the project's research notes.
Articles published before the merger name the old province; the registry keeps that name.
"""

from __future__ import annotations

import unicodedata

_UNCHANGED = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
              "Nghệ An", "Hà Tĩnh", "Cao Bằng"]

_MERGED: dict[str, list[str]] = {
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
}

#: Pre-2025 province -> province since 1 July 2025.
PROVINCE_2025: dict[str, str] = {name: name for name in _UNCHANGED}
PROVINCE_2025.update({old: new for new, olds in _MERGED.items() for old in olds})

#: Other spellings seen on union sites, mapped to the names above.
ALIASES = {
    "thừa thiên huế": "Huế", "tp hồ chí minh": "Hồ Chí Minh", "thành phố hồ chí minh": "Hồ Chí Minh",
    "hồ chí minh city": "Hồ Chí Minh", "tp.hcm": "Hồ Chí Minh", "bà rịa – vũng tàu": "Bà Rịa - Vũng Tàu",
    "bà rịa-vũng tàu": "Bà Rịa - Vũng Tàu", "thanh hoá": "Thanh Hóa", "hoà bình": "Hòa Bình",
    "khánh hoà": "Khánh Hòa", "đắk nông": "Đắk Nông", "đăk lăk": "Đắk Lắk", "đắc lắc": "Đắk Lắk",
}

#: The ``province`` of national sources (the VGCL, the union press): no one province's, before or after 2025.
NATIONAL = "Toàn quốc"

_BY_KEY = {unicodedata.normalize("NFC", name).casefold(): name for name in PROVINCE_2025}


def normalize_province(name: str) -> str | None:
    """Canonical pre-2025 name for ``name`` (any case, NFC or NFD, known alias), or None if unknown."""
    key = " ".join(unicodedata.normalize("NFC", name).casefold().replace("tỉnh ", "").split())
    return _BY_KEY.get(key) or ALIASES.get(key)


def province_2025(name: str) -> str | None:
    """Province that ``name`` (a pre-2025 province) belongs to since the 2025 merger."""
    if name == NATIONAL:
        return NATIONAL
    canonical = normalize_province(name)
    return PROVINCE_2025.get(canonical) if canonical else None
