"""Small word lists for the generated multilingual archive (tests/search/multilingual.py).

Each language has words by part of speech, sentence shapes in its own word order, and
syllables for the long tail of names every news archive has. D determiner or particle,
A adjective, N noun, V verb, P preposition, X a name from the tail; "_" joins the words
of one entry. The sentences are not always grammatical, but they use each language's
real words, script and spacing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Words:
    code: str  # the BCP 47 code the saved page declares in <html lang>
    parts: dict[str, tuple[str, ...]]  # part of speech -> words, commonest first
    shapes: tuple[str, ...]  # sentence shapes, one letter a word
    syllables: tuple[str, ...]  # names are two or three of these
    spaced: bool = True  # False where words run together (Chinese)
    stop: str = "."


def _words(
    code: str,
    *,
    d: str,
    a: str,
    n: str,
    v: str,
    p: str,
    shapes: str,
    syllables: str,
    spaced: bool = True,
    stop: str = ".",
) -> Words:
    parts = {"D": d, "A": a, "N": n, "V": v, "P": p}
    return Words(
        code=code,
        parts={part: tuple(text.split()) for part, text in parts.items()},
        shapes=tuple(shapes.split()),
        syllables=tuple(syllables.split()),
        spaced=spaced,
        stop=stop,
    )


LANGUAGES: tuple[Words, ...] = (
    _words(
        "en",
        d="the a this every their our its another",
        a="new old local public quiet northern small large early late heavy rare modern "
        "careful busy ancient coastal rural narrow muddy",
        n="council harbour bridge market school river station village storm winter report "
        "budget railway museum garden ferry festival library hospital factory orchard "
        "quarry lighthouse canal vineyard glacier tannery",
        v="opened closed repaired visited measured rebuilt announced delayed approved "
        "flooded restored surveyed funded mapped inspected",
        p="in near after before across beside during along behind under",
        shapes="DANVPDN DNVPXPDAN XVDANPDN DANPXVPDN",
        syllables="ash bor ford ham ley mere ton wick dale thorn brook stan wel cot by",
    ),
    _words(
        "de",
        d="der die das ein eine jeder unser dieser",
        a="neue alte lokale ruhige kleine große frühe späte schwere seltene moderne "
        "nördliche ländliche enge schmale steile",
        n="Gemeinderat Hafen Brücke Markt Schule Fluss Bahnhof Dorf Sturm Winter Bericht "
        "Haushalt Museum Garten Fähre Bibliothek Krankenhaus Fabrik Obstgarten Steinbruch "
        "Leuchtturm Weinberg Gletscher Gerberei Schleuse",
        v="öffnete schloss reparierte besuchte vermaß baute verschob genehmigte "
        "überflutete restaurierte kartierte prüfte",
        p="in bei nach vor über neben während entlang hinter unter",
        shapes="DANVPDN DNVPXPDAN XVDANPDN DANPXVPDN",
        syllables="berg stein wald hof dorf feld haus bach brunn au heim burg lin tal",
    ),
    _words(
        "fr",
        d="le la un une ce cette chaque notre",
        a="nouveau ancien local public calme petit grand précoce tardif lourd rare moderne "
        "septentrional rural étroit escarpé",
        n="conseil port pont marché école rivière gare village tempête hiver rapport budget "
        "musée jardin bac festival bibliothèque hôpital usine verger carrière phare canal "
        "vignoble glacier tannerie écluse",
        v="a_ouvert a_fermé a_réparé a_visité a_mesuré a_reconstruit a_annoncé a_retardé "
        "a_approuvé a_inondé a_restauré",
        p="dans près après avant sur derrière pendant le_long_de sous vers",
        shapes="DNAVPDN DNVPXPDNA XVDNAPDN DNAPXVPDN",
        syllables="mont val bois ville court champ roche lac fon tai nac mar ruel",
    ),
    _words(
        "it",
        d="il la un una questo questa ogni nostro",
        a="nuovo vecchio locale pubblico tranquillo piccolo grande precoce tardivo pesante "
        "raro moderno settentrionale rurale stretto ripido",
        n="consiglio porto ponte mercato scuola fiume stazione villaggio tempesta inverno "
        "rapporto bilancio museo giardino traghetto biblioteca ospedale fabbrica frutteto "
        "cava faro canale vigneto ghiacciaio conceria chiusa",
        v="ha_aperto ha_chiuso ha_riparato ha_visitato ha_misurato ha_ricostruito "
        "ha_annunciato ha_rinviato ha_approvato ha_restaurato",
        p="in vicino dopo prima sopra dietro durante lungo sotto verso",
        shapes="DNAVPDN DNVPXPDNA XVDNAPDN DNAPXVPDN",
        syllables="ri val monte ca sella bor gia nello tino fio renza lu cci",
    ),
    _words(
        "pt",
        d="o a um uma este esta cada nosso",
        a="novo velho local público tranquilo pequeno grande precoce tardio pesado raro "
        "moderno setentrional rural estreito íngreme",
        n="conselho porto ponte mercado escola rio estação aldeia tempestade inverno "
        "relatório orçamento museu jardim balsa biblioteca hospital fábrica pomar "
        "pedreira farol canal vinhedo geleira curtume eclusa",
        v="abriu fechou reparou visitou mediu reconstruiu anunciou adiou aprovou inundou "
        "restaurou mapeou",
        p="em perto depois antes sobre atrás durante ao_longo sob para",
        shapes="DNAVPDN DNVPXPDNA XVDNAPDN DNAPXVPDN",
        syllables="ara bel cas tro vei ra gal ho mir anda lho nho pinh",
    ),
    _words(
        "es",
        d="el la un una este esta cada nuestro",
        a="nuevo viejo local público tranquilo pequeño grande temprano tardío pesado raro "
        "moderno septentrional rural estrecho empinado",
        n="ayuntamiento puerto puente mercado escuela río estación pueblo tormenta invierno "
        "informe presupuesto museo jardín transbordador biblioteca hospital fábrica huerto "
        "cantera faro canal viñedo glaciar curtiduría esclusa",
        v="abrió cerró reparó visitó midió reconstruyó anunció aplazó aprobó inundó "
        "restauró cartografió",
        p="en cerca después antes sobre detrás durante junto bajo hacia",
        shapes="DNAVPDN DNVPXPDNA XVDNAPDN DNAPXVPDN",
        syllables="al ca rra mez go zar ben ito ondo villa gue ro tia",
    ),
    _words(
        "id",
        d="itu ini sebuah setiap para kami",
        a="baru lama lokal umum tenang kecil besar awal akhir berat langka modern utara "
        "pedesaan sempit curam",
        n="dewan pelabuhan jembatan pasar sekolah sungai stasiun desa badai musim laporan "
        "anggaran museum taman feri perpustakaan rumah_sakit pabrik kebun tambang "
        "mercusuar kanal ladang gletser penyamakan bendungan",
        v="membuka menutup memperbaiki mengunjungi mengukur membangun mengumumkan menunda "
        "menyetujui membanjiri memulihkan memetakan",
        p="di dekat setelah sebelum atas belakang selama sepanjang bawah menuju",
        shapes="NADVPNA NVPXPNAD XVNAPND NAPXVPNA",
        syllables="su wa har to ning rah di ja ya ko sem pur bang",
    ),
    _words(
        "ru",
        d="этот эта каждый наш новый весь",
        a="новый старый местный тихий малый большой ранний поздний тяжёлый редкий "
        "современный северный сельский узкий крутой",
        n="совет порт мост рынок школа река вокзал деревня буря зима доклад бюджет музей "
        "сад паром библиотека больница фабрика сад карьер маяк канал виноградник ледник "
        "кожевня шлюз",
        v="открыл закрыл отремонтировал посетил измерил перестроил объявил отложил "
        "одобрил затопил восстановил",
        p="в возле после перед над за во_время вдоль под к",
        shapes="DANVPAN DNVPXPAN XVANPDN DANPXVPN",
        syllables="ков вол град мир ско ин ов ев сла ра бор луж ник",
    ),
    _words(
        "ko",
        d="그 이 새 모든 우리 각",
        a="새로운 오래된 지역의 조용한 작은 큰 이른 늦은 무거운 드문 현대의 북쪽의 "
        "시골의 좁은 가파른",
        n="의회는 항구를 다리가 시장에서 학교는 강을 역에서 마을이 폭풍이 겨울에 보고서를 "
        "예산을 박물관을 정원에서 여객선이 도서관을 병원이 공장을 과수원에서 채석장을 "
        "등대가 운하를 포도밭에서 빙하가 수문을",
        v="열었다 닫았다 고쳤다 방문했다 측정했다 재건했다 발표했다 미뤘다 승인했다 "
        "복원했다 조사했다",
        p="근처에서 이후에 이전에 위에서 뒤에서 동안 따라서 아래에서 향해",
        shapes="DANXNPAV XDNANV DANPNXV ANXPDNV",
        syllables="김 박 서 준 민 수 영 호 진 우 현 재 선 태",
    ),
    _words(
        "zh",
        d="这个 那个 每个 我们的 一个 新的",
        a="新 旧 地方 安静 小 大 早期 晚期 沉重 罕见 现代 北方 农村 狭窄 陡峭",
        n="议会 港口 桥梁 市场 学校 河流 车站 村庄 风暴 冬天 报告 预算 博物馆 花园 渡轮 "
        "图书馆 医院 工厂 果园 采石场 灯塔 运河 葡萄园 冰川 制革厂 水闸",
        v="开放了 关闭了 修复了 访问了 测量了 重建了 宣布了 推迟了 批准了 淹没了 恢复了",
        p="在 附近 之后 之前 上面 后面 期间 沿着 下面 朝向",
        shapes="DANVPDN XPDANVN DNPXVAN ANPXDVN",
        syllables="王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗",
        spaced=False,
        stop="。",
    ),
)
