"""Status rules measured against hand labels, and the evidence that comes with every status."""

from __future__ import annotations

import csv
from collections import Counter

import pandas as pd
import pytest

from dashboard import queries
from dashboard.status import classify

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
THRESHOLD = 0.95


def _labels(name: str) -> list[dict]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _agreement(name: str, pairs: list[tuple[str, str, str]]) -> float:
    """Print agreement per label and every disagreement; return the overall agreement."""
    total, hits = Counter(), Counter()
    for expected, got, what in pairs:
        total[expected] += 1
        hits[expected] += expected == got
    print(f"\n{name}: {sum(hits.values())}/{len(pairs)} agree")
    for label in sorted(total):
        print(f"  {label:13} {hits[label]}/{total[label]} ({hits[label] / total[label]:.0%})")
    for expected, got, what in pairs:
        if expected != got:
            print(f"  disagree: labelled {expected}, rules say {got}: {what}")
    return sum(hits.values()) / len(pairs)


def test_seed_reports_agree_with_a_planners_labels(seed_con):
    labels = _labels("labels_seed_2019.csv")
    rows = queries.run(seed_con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    got = dict(zip(rows.measure_id, rows.automatic_status))
    reported = set(rows[rows.report.notna()].measure_id)
    assert {r["measure_id"] for r in labels} == reported, "every 2019 report has a label"
    pairs = [(r["status"], got[r["measure_id"]], f"{r['measure_id']} ({r['reason']})") for r in labels]
    assert _agreement("seed 2019 reports", pairs) >= THRESHOLD


def test_other_phrasings_agree_with_their_labels():
    labels = _labels("labels_phrasings.csv")
    assert len(labels) >= 40
    out = classify([r["text"] for r in labels])
    pairs = [(r["status"], s, r["text"]) for r, s in zip(labels, out.status)]
    assert _agreement("other phrasings", pairs) >= THRESHOLD


@pytest.fixture(scope="module")
def reading():
    """Each case's row, from one classify call over all the cases of this module (lines are read
    independently; test_a_line_reads_the_same_alone_and_in_a_batch holds that)."""
    texts = sorted({case[0] for cases in (SENTENCES, PHRASINGS, READINGS, UNDER_WAY) for case in cases})
    rows = dict(zip(texts, (row for _, row in classify(texts).iterrows())))
    return rows.__getitem__


def test_a_line_reads_the_same_alone_and_in_a_batch():
    texts = ["研修会は開催できていない。", "", "目標24人に対し5人。"]
    batch = classify(texts)
    for n, text in enumerate(texts):
        alone = classify([text]).drop(columns="line").iloc[0]
        assert batch.drop(columns="line").iloc[n].equals(alone), text


# One line each: (text, status).
SENTENCES = [
    ("研修会を開催することができた。", "achieved"),
    ("研修会は開催できていない。", "not_achieved"),
    ("研修会を開催したが、参加者は十分であったとは言えない。", "partial"),
    ("研修会の開催は延期した。", "not_achieved"),
    ("（コロナウィルスにより中止）", "cancelled"),
    ("チラシを作成した。（コロナウィルスにより中止）", "partial"),
    ("", "no_report"),
    ("あいうえお", "unclear"),  # no evidence either way: needs review, evidence_rule none
]


@pytest.mark.parametrize(("text", "status"), SENTENCES)
def test_classify_decides_each_kind_of_sentence(text, status, reading):
    assert reading(text).status == status


# Shortfalls stated without a negation, numbers, and the sentence logic around weak signals:
# (text, status, confidence, the deciding phrase as it stands in the text, or None).
PHRASINGS = [
    # decline: weak alone, partly beside a success, a success after a contrast stands (weakly)
    ("会員数は前年度から減少した。", "partial", "low", "減少"),
    ("利用者数は落ち込んでいる。", "partial", "low", "落ち込"),
    ("教室を開催したが、参加者は減少した。", "partial", "high", "減少"),
    ("相談件数は減少したが、窓口の体制整備という目標は達成できた。", "achieved", "low", "できた"),
    # little or below the aim
    ("講座は開催したが、受講者は少なかった。", "partial", "high", "少なかった"),
    ("登録者数は目標の半分程度にとどまった。", "partial", "high", "目標の半分程度"),
    ("認知度は30%台で推移している。", "partial", "low", "30%台で推移"),
    ("参加者数は目標値に近い水準となった。", "partial", "high", "目標値に近い"),
    # difficulty, unmet need, reduced scale, disruption
    ("担い手の確保が困難であった。", "partial", "low", "困難であった。"),
    ("会場の確保が難しく、開催を見送った。", "not_achieved", "high", "見送っ"),
    ("申込みが多く、希望に応えきれていない。", "partial", "high", "応えきれ"),
    ("夜間の相談には対応しきれていない。", "partial", "high", "対応しきれ"),
    ("感染対策のため規模を縮小して開催した。", "partial", "high", "規模を縮小"),
    ("講座は回数を減らして実施した。", "partial", "high", "回数を減ら"),
    ("運営会議は書面開催に変更した。", "partial", "low", "書面開催"),
    ("交流会はオンラインに切り替えて実施した。", "partial", "high", "オンラインに切り替"),
    ("新型コロナウイルスの影響により、参加者を募った。", "partial", "low", "新型コロナウイルスの影響により"),
    # cancellation written as a decision
    ("今年度は開催を見合わせた。", "cancelled", "high", "見合わせた"),
    ("参加者の安全を考え、実施を控えた。", "cancelled", "high", "控えた"),
    ("誠に勝手ながら「中止」させていただいた。", "cancelled", "high", "中止"),
    ("研修会は中止とした。", "cancelled", "high", "中止"),
    ("敬老会は開催を見送ることとした。", "cancelled", "high", "見送ることとした"),
    # a need for more beside a success: achieved, weakly; work under way toward an activity it names: not done
    ("講座を計画どおり開催した。今後更なる周知が必要である。", "achieved", "low", "計画どおり"),
    ("講座を開催したが、更なる周知が必要である。", "achieved", "low", "開催した"),
    ("導入に向けて検討中である。", "not_achieved", "low", "検討中"),  # under way toward an activity it names: not done yet
    # weak alone: its reading, low confidence; strong: high
    ("チラシを作成。", "achieved", "low", "作成。"),
    ("研修会を開催した。", "achieved", "high", "開催した"),
    ("あいうえお。", "unclear", "low", None),
    # numbers: a ratio of result to aim decides by the thresholds
    ("介護予防リーダーの修了者は目標24人に対し5人。", "not_achieved", "high", "目標24人に対し5人"),
    ("参加者数は目標120人に対し112人で、ほぼ目標どおりとなった。", "achieved", "high", "目標120人に対し112人"),
    ("通いの場の参加は82%の実績であった。", "partial", "high", "82%の実績"),
    ("短期集中予防サービスの利用は、達成率85%。", "partial", "high", "達成率85%"),
    ("実績が目標の8割となった。", "partial", "high", "目標の8割"),
    ("研修は計画3回のうち1回のみの開催となった。", "not_achieved", "high", "計画3回のうち1"),
    ("協議体の開催は達成率100%。", "achieved", "high", "達成率100%"),
    ("高齢化率30%。", "unclear", "low", None),
    ("高齢化率が32.4%に達する中、教室を全地区で開催した。", "achieved", "high", "開催した"),
    # hygiene: the rules read cleaned text; the evidence is the original
    ("開催で\u200bきなかった。", "not_achieved", "high", "で\u200bきなかった"),
    ("地域ケア推進会議は中\u00ad止。", "cancelled", "high", "中\u00ad止"),
    ("サポーター養成は、目標３０人に対し１２人にとどまった。", "not_achieved", "high", "目標３０人に対し１２人"),
    ("ｻﾎﾟｰﾀｰ養成講座を実施出来なかった。", "not_achieved", "high", "出来なかった"),
    ("取組みを行なった。", "achieved", "high", "を行なった"),
    ("研修を実施しました。", "achieved", "high", "実施しました"),
    ("\ufeff研修を実施できませんでした。", "not_achieved", "high", "できませんでした"),
    ("事業の開始には至りませんでした。", "not_achieved", "high", "至りませんでした"),
    ("ケース検討を行いました。", "achieved", "high", "ケース検討を行いました"),
]


@pytest.mark.parametrize(("text", "status", "confidence", "phrase"), PHRASINGS)
def test_each_kind_of_phrasing_decides_with_confidence_and_evidence(text, status, confidence, phrase, reading):
    row = reading(text)
    assert (row.status, row.confidence) == (status, confidence)
    if phrase is None:
        assert row.evidence_rule == "none" and row.evidence == text.strip()
    else:
        assert row.evidence_phrase == phrase
        assert row.evidence[int(row.evidence_start):int(row.evidence_end)] == phrase
        assert row.evidence in text


# Sentence logic and phrasings added from the reasons held-out notes were misread (short examples of our
# own, none copied from a note): (text, status, confidence, the deciding phrase).
READINGS = [
    # a phrase inside a longer phrase of another signal is read as part of it
    ("全ての相談には対応できていない。", "partial", "high", "全ての相談には対応できていない"),
    ("全ての地区で開催できなかった。", "not_achieved", "high", "できなかった"),
    ("利用希望が多く、待機者が解消されていない。", "partial", "high", "待機者が解消されていない"),
    ("講座は中止となった。", "cancelled", "high", "中止"),  # となった is part of the cancellation
    ("予定していた全回がキャンセルとなった。", "cancelled", "high", "キャンセル"),
    ("会員数は前年比8%の減となった。", "partial", "low", "8%の減"),
    # a negation or a decline that describes a place or people, and a problem said not to arise
    ("サロンが設置されていない地区に、新たに2か所を開設した。", "achieved", "high", "開設した"),
    ("支援が行き届いていない世帯を訪問し、必要なサービスにつないだ。", "achieved", "low", "訪問し、"),
    ("参加者が減少傾向にあった地区でも講座を開催し、参加者が増加した。", "achieved", "high", "増加し"),
    ("実施できていない地区がある。", "partial", "high", "ていない地区がある"),
    ("支障なく開催できた。", "achieved", "high", "できた"),
    ("要介護認定率は前年とほぼ横ばい。サロンを3か所開設した。", "achieved", "high", "開設した"),
    ("事故防止の研修を行い、転倒事故は前年より減少した。", "achieved", "high", "転倒事故は前年より減少"),
    ("連絡漏れとして報告された件数は前年の12件から4件へと減少した。", "achieved", "high",
     "漏れとして報告された件数は前年の12件から4件へと減少"),
    # a part of the whole not done or called off is partly; the whole met after a contrast outweighs it
    ("地域によっては教室の休止が続いている。", "partial", "high", "休止"),
    ("全4回を予定したが、2回は荒天のため開催を見合わせた。", "partial", "high", "見合わせた"),
    ("サロンの多くが活動を休止した。", "partial", "high", "休止"),
    ("2圏域で設置したが、残る3圏域は次年度以降の見込みである。", "partial", "high", "は次年度以降の見込み"),
    ("雨天のため1回は延期したが、年度内に全回実施した。", "achieved", "low", "実施した"),
    ("講演会は中止したが、教室は予定どおり開催した。", "partial", "high", "中止"),
    # a not-done that is only the cause of a shortfall that follows it; but a plan that came to nothing
    ("講師が確保できず、開催回数は計画を下回った。", "partial", "high", "計画を下回"),
    ("説明会は開催できず、動画の配信に代えた。", "partial", "high", "に代えた"),
    ("相談会を予定したが、希望者がなく、開催できなかった。", "not_achieved", "high", "できなかった"),
    # an attempt before a contrast does not count as a success against what follows
    ("運営団体を募集したが、応募はなく、事業は開始に至らなかった。", "not_achieved", "high", "至らなかった"),
    ("研修会を開催したが、内容の定着には至らなかった。", "partial", "high", "至らなかった"),
    ("配布物の作成を検討しているが、発行には至っていない。", "not_achieved", "high", "至っていない"),
    # the result went the other way from the aim; nothing took place; postponed to a later year
    ("登録者の増加を目標としたが、登録者は減少した。", "not_achieved", "high", "増加を目標としたが、登録者は減少"),
    ("今年度は相談の実績なし。", "not_achieved", "high", "実績なし"),
    ("今年度の開催はなし。", "cancelled", "high", "開催はなし"),
    ("見直しを行っており、今年度の実施はなかった。", "not_achieved", "high", "実施はなかった"),
    ("システムの更新は来年度にずれ込んだ。", "not_achieved", "high", "は来年度にずれ込"),
    ("次年度も継続する予定である。", "unclear", "low", None),
    # an inadequacy given as the reason for more work is a caveat beside a success
    ("窓口を開設し、相談に対応した。制度の認知度は十分とは言えないため、今後も周知に努める。", "achieved", "low", "対応した"),
    # a judgement of degree (…とは言えない) is a weak rule: alone it keeps its reading, with low confidence, and a
    # statement of the aim met elsewhere in the report outweighs it
    ("窓口の認知度は十分とは言えない。", "not_achieved", "low", "とは言えない"),
    ("意見も一部で寄せられているため、次回の改訂で工夫したい。マップを改訂し、配布した。", "achieved", "high", "配布した"),
    # numbers: X中Y said to fall short or of what was done (a ratio either way), a target rate, a plan and a result
    # separated by a slash, a fraction
    ("協議体の設置は6圏域中2圏域にとどまった。", "not_achieved", "high", "6圏域中2圏域にとどま"),
    ("12地区中12地区で開催し、全地区での実施を達成した。", "achieved", "high", "12地区中12地区で"),
    ("訪問は目標実施率80%に対し36%にとどまった。", "not_achieved", "high", "目標実施率80%に対し36%"),
    ("利用件数 計画値1,000件/実績720件。", "partial", "high", "計画値1,000件/実績720"),
    ("利用者は計画の約半数であった。", "partial", "high", "計画の約半数で"),
    ("参加者は例年の2割増となった。", "achieved", "high", "となった"),
    ("修了者は定員30人のうち18人であった。", "partial", "high", "定員30人のうち18"),
    ("4か所で開設予定であったが、開設できたのは1か所であった。", "not_achieved", "high",
     "4か所で開設予定であったが、開設できたのは1か所であ"),
    # demand above what can be provided; a way ahead that cannot be seen
    ("利用希望が提供できる量を上回っており、待機者が生じている。", "partial", "high", "希望が提供できる量を上回"),
    ("講座は定員を上回る申込みがあり、好評であった。", "achieved", "high", "定員を上回"),
    ("担い手確保の見通しが立たない。", "partial", "low", "見通しが立たない"),
    # hygiene: humble negative and past progressive made plain
    ("公開は、今年度は行っておりません。", "not_achieved", "high", "行っておりません"),
    ("講座は実施しておりました。", "achieved", "high", "実施しておりました"),
    # a good result with no activity verb; a godan past; done already
    ("参加者から好評を得た。", "achieved", "low", "好評"),
    ("参加者数は前年度比15%増の1,240人。", "achieved", "low", "前年度比15%増"),
    ("地域の見守り活動に取り組んだ。", "achieved", "low", "んだ。"),
    ("生活支援コーディネーターを全圏域に配置済みである。", "achieved", "high", "配置済"),
    ("新型コロナウイルス感染症の5類移行を受け、教室を再開した。", "achieved", "high", "再開した"),
    # what someone said, a harm that did not happen, a problem reduced, a decline before a contrast
    ("講演会を開催した。内容が難しかったとの声もあった。", "achieved", "high", "開催した"),
    ("研修は予定どおり実施した。参加できなかった事業所には資料を送付した。", "achieved", "high", "予定どおり"),
    ("対策を徹底した結果、施設での集団感染はなかった。", "achieved", "high", "集団感染はなかった"),
    ("待機者は前年の90人から60人に減った。", "achieved", "high", "待機者は前年の90人から60人に減った"),
    ("会員数は減少傾向にあるが、活動への補助を継続し、全クラブの活動を支えた。", "achieved", "low", "継続し、"),
    ("参加者は少なかった。", "partial", "low", "少なかった"),
    ("市民の理解が十分でないため、啓発を継続する。チラシを全戸配布した。", "achieved", "low", "配布した"),
    ("サポーター養成数 目標：500人 実績：612人", "achieved", "high", "目標：500人実績：612"),
    ("・認知症カフェ：市内6か所で定期開催（延べ参加者512人）", "achieved", "low", "開催（延べ参加者512人）"),
    ("目標の達成は困難な状況である。", "partial", "low", "困難な状況である"),
    ("会議は予定回数開催したが、運営方法の転換は進まなかった。", "partial", "high", "進まなかった"),
    ("通所型サービスの利用は、計画値を約2割下回った。", "partial", "high", "計画値を約2割下回"),
    ("目標（40人）に届かず、32人の参加であった。", "partial", "high", "届かず"),
    ("訪問実施率は92.5%（目標90%）であった。", "achieved", "high", "92.5%（目標90%"),
    ("参加率は45%（目標80%）にとどまった。", "partial", "high", "45%（目標80%"),
    ("協議体は設置されず、次年度に持ち越した。", "not_achieved", "high", "設置されず"),
    ("利用者の減少に歯止めをかけるため送迎を導入し、利用者数を維持した。", "achieved", "high", "を維持"),
    ("制度を知らない方が多いことから、チラシを全戸に配布した。", "achieved", "high", "配布した"),
    ("研修会は中止せず、オンラインで全回実施した。", "achieved", "high", "実施した"),
    ("祭りは、感染症の影響で今年度も開催しなかった。", "not_achieved", "high", "しなかった"),  # 影響…なかった is no "no problem"
    ("講習会は、定員を20人に制限して実施した。", "partial", "high", "定員を20人に制限"),
    ("例年の半数の規模で実施した。", "partial", "high", "例年の半数の規模"),
    # a success before a contrast and the rest pushed back, reduced or only half done
    ("冊子を作成したが、調整がつかず、配布は次年度となった。", "partial", "high", "は次年度となっ"),
    ("指導は実施したが、改善が確認できたのは半数であった。", "partial", "high", "できたのは半数"),
    ("調査は国の調査と重複するため実施しないこととなった。", "cancelled", "high", "実施しないこととなった"),
    ("担い手不足から、サービスの提供地域を縮小した。", "partial", "high", "提供地域を縮小"),
    ("対象を見直し、より多くの方が利用できるようにした。", "achieved", "low", "た。"),
    ("利用者が定着せず、事業の継続が危ぶまれる。", "partial", "low", "定着せず"),
    # a ratio inside a longer one; a target in brackets; an intention is not an outlook (the shortfall stands)
    ("受診率は目標の60%に対し58%であった。", "achieved", "high", "目標の60%に対し58%"),
    ("相談件数は目標値（300件）を下回る240件であった。", "partial", "high", "目標値（300件）を下回る240"),
    ("講座を開催した。参加者が少ないため、周知を強化していく。", "partial", "low", "参加者が少ない"),
    # resumed after a suspension; a part short before a contrast that the whole aim met follows
    ("コロナ禍で中断していた教室を再開した。", "achieved", "high", "中断していた教室を再開"),
    ("大雨で1回中止となったが、別の日に開催し、計画回数を確保した。", "achieved", "low", "確保した"),
    ("一部の地区では参加者が少なかったが、全体としては目標を達成した。", "achieved", "low", "目標を達成"),
    ("台風で一部の講座を中止したが、その他は予定どおり開催した。", "partial", "high", "中止"),
    # a routine that names the event; stopped; far from the aim
    ("例年実施している交流会は、今年度は取りやめとなった。", "cancelled", "high", "取りやめ"),
    ("担当者が不在となり、事業は事実上止まっている。", "not_achieved", "high", "事業は事実上止まっ"),
    ("目標の達成には程遠い状況である。", "partial", "high", "程遠"),
    # less than before is little, weakly (the evidence keeps its adjective); beside a problem it is a success,
    # also across a comma after the subject
    ("見守り協力員の登録は前年より少なくなった。", "partial", "low", "前年より少なくなった"),
    ("苦情の件数は前年より少なくなった。", "achieved", "high", "苦情の件数は前年より少なくなった"),
    ("窓口での待ち時間が短くなった。", "achieved", "low", "短くなった"),
    ("閉じこもりがちな高齢者の数は、前年度と比べて減った。", "achieved", "high",
     "閉じこもりがちな高齢者の数は、前年度と比べて減った"),
    ("受講者は予定人数を満たしたが、定着が課題である。", "achieved", "low", "予定人数を満たし"),
    # difficulty, reduced scale, a fraction of the aim in words or figures, a plan ratio, a gap left
    ("協力者の確保に苦戦した。", "partial", "low", "苦戦"),
    ("今年度は2地区に限定して開催した。", "partial", "high", "2地区に限定"),
    ("訪問は計画の半分強の件数であった。", "partial", "high", "計画の半分強"),
    ("修了者は計画人数の4分の3ほどであった。", "partial", "high", "計画人数の4分の3"),
    ("相談会は計画の5分の1の開催であった。", "not_achieved", "high", "計画の5分の1"),
    ("延べ利用者は計画値比で70%であった。", "partial", "high", "計画値比で70%"),
    ("目標40人、受講者31人。", "partial", "high", "目標40人、受講者31"),
    ("北側の2地区は、拠点が空白地域のままとなっている。", "partial", "high", "空白地域のまま"),
    ("3地区で活動を始め、残る2地区は準備を続けている。", "partial", "high", "残る2地区は準備"),
    ("体制づくりは道半ばである。", "partial", "high", "道半ば"),
    ("準備期間は十分ではなかった。", "partial", "high", "十分ではなかった"),
    ("周知が行き届いたとは言い難い。", "not_achieved", "low", "とは言い難い"),
    ("名簿の更新は未完了。", "not_achieved", "high", "未完了"),
    # one part done and the other short after a contrast stays mixed beside a need for more
    ("訪問指導は行ったが、集団指導は参加が少なく、内容の見直しが求められる。", "partial", "high", "参加が少なく"),
    # a state reached, with no activity verb
    ("関係機関との連携は円滑である。", "achieved", "low", "円滑である。"),
    ("見守りの仕組みが地域に根付いてきている。", "achieved", "low", "根付いて"),
    ("すべての小学校区にサロンがある。", "achieved", "low", "すべての小学校区にサロンがある"),
    # only so much, a part not done: the negation is part of the partial phrase (also after a cause)
    ("説明会は2回しか開けなかった。", "partial", "high", "2回しか開けなかった"),
    ("協力が得られず、点検は一部しか行えなかった。", "partial", "high", "一部しか行えなかった"),
    ("雪のため、巡回相談は一部の会場で実施できなかった。", "partial", "high", "一部の会場で実施できなかった"),
    ("登録者は見込んだ人数に達しなかった。", "partial", "high", "達しなかった"),
    # waiting lists and posts left empty
    ("申込みが多く、入所待ちが続いている。", "partial", "high", "入所待ちが続"),
    ("人員が見つからず、1圏域で相談員が欠員となっている。", "partial", "high", "欠員となって"),
    ("相談員の確保が課題となっている。", "partial", "low", "相談員の確保が課題となって"),  # the issue alone: a caveat
    ("講座の受講者は目標の200人に対して90人だった。", "not_achieved", "high", "目標の200人に対して90人"),
    ("相談会（目標12回）は9回の開催であった。", "partial", "high", "目標12回）は9回"),
    ("体操教室は、講師の都合で回数を週2回から週1回に減らした。", "partial", "high", "回数を週2回から週1回に減ら"),
    # a count followed by its cancellation is the part called off (and 8回のうち is a part of the whole)
    ("計画した8回のうち、悪天候のため3回を中止した。", "partial", "high", "中止"),
    # a cancellation of an earlier year, one that did not happen, a disruption without effect: context
    ("講座の中止が続いた昨年度と比べ、今年度は全講座を再開した。", "achieved", "high", "再開した"),
    ("前年度は中止したが、今年度は予定どおり開催した。", "achieved", "high", "予定どおり"),
    ("前年度に引き続き、交流会は中止した。", "cancelled", "high", "中止"),
    ("講習会は毎回満員で、キャンセル待ちが出た。", "achieved", "low", "た。"),
    ("研修は台風の影響を受けることなく全日程を終えた。", "achieved", "high", "を終え"),
    ("連絡会は書面開催とはせず、対面で行った。", "achieved", "high", "行った"),
    # not said to be so; a small shortfall before a hedged whole; too few hands; short of capacity
    ("報告会は開催したが、理解が深まったとは言えなかった。", "partial", "high", "とは言えなかった"),
    ("訪問件数は目標をやや下回ったが、概ね目標どおりであった。", "achieved", "low", "概ね目標どおり"),
    ("申請は増えているが、審査を担う職員が足りず処理が遅れがちである。", "partial", "low", "足りず"),
    ("講習会は定員に達しなかった。", "partial", "high", "達しなかった"),
    # left undone, not back to where it was, less than usual, only one form kept, a shortened form, not
    # working well enough, lacking; a hitch said not to have happened
    ("委託先が決まらないまま年度を終えた。", "not_achieved", "high", "決まらないまま"),
    ("名簿の整備は年度内に間に合わなかった。", "not_achieved", "high", "間に合わなかった"),
    ("相談会は、講師の都合で開催が叶わなかった。", "not_achieved", "high", "叶わなかった"),
    ("教室の参加者は、以前の水準には戻っていない。", "partial", "high", "水準には戻っていない"),
    ("利用の申込みは例年より少ない件数で推移した。", "partial", "low", "例年より少ない"),
    ("講習会は年8回開催予定のところ、5回の開催となった。", "partial", "high", "8回開催予定のところ、5回の開催"),
    ("窓口は来庁をやめ、電話での受付のみとした。", "partial", "high", "のみとし"),
    ("交流会は短時間の形式で実施した。", "partial", "high", "短時間の形式"),
    ("見守り体制は担い手不足で十分に機能していない。", "partial", "high", "十分に機能していない"),
    ("活動は一部の地区に偏り、市全体への広がりに欠ける。", "partial", "high", "に欠ける"),
    ("手続きの相談には滞りなく対応した。", "achieved", "high", "対応した"),
    # a shortfall word that is context: a decline that turned round, a reason, a feared cancellation, one
    # held after all, a place described by its lack, last year's cancellation
    ("減少が続いていた会員数は、今年度増加に転じた。", "achieved", "high", "減少が続いていた会員数は、今年度増加に転じ"),
    ("参加者の減少を踏まえ、開催時間を変えたところ参加者が増えた。", "achieved", "high", "増えた"),
    ("研修は中止の可能性もあったが、予定どおり実施できた。", "achieved", "high", "予定どおり"),
    ("延期していた講演会を年度内に開催した。", "achieved", "high", "延期していた講演会を年度内に開催し"),
    ("休止していた教室の内容を見直し、再開した。", "achieved", "high", "休止していた教室の内容を見直し、再開"),
    ("講座は休止し、サロンは再開した。", "partial", "high", "休止"),
    ("参加が少ない地区を重点に回り、制度を説明した。", "achieved", "low", "説明した"),
    ("未実施だった校区でも今年度は講座を開いた。", "achieved", "low", "た。"),
    ("中止となった昨年度の反省を生かし、今年度は予定どおり開催した。", "achieved", "high", "予定どおり"),
    # lines of a table: an activity noun, a count, none, a result beside its plan, a count down
    ("・会食会運営費補助：8団体に交付", "achieved", "low", "交付"),
    ("家族教室　計10回", "achieved", "low", "計10回"),
    ("見守り協定　新規締結なし", "not_achieved", "high", "締結なし"),
    ("相談員　3名配置（計画5名）", "partial", "high", "3名配置（計画5"),
    ("利用者減（前年比8%減）", "partial", "low", "利用者減（前年比8%減）"),
    # to start next year; talks under way; steadily spreading; still few; not all of them
    ("窓口の統合は、調整に時間を要しており、開始は来年度となる見込み。", "not_achieved", "high", "は来年度となる"),
    ("システムは業者の選定を終え、来年度から運用する予定。", "not_achieved", "high", "来年度から運用する予定"),
    ("住民の支え合い活動は、各地区で着実に広がっている。", "achieved", "high", "着実に広が"),
    ("若い世代の参加は依然として少ない。", "partial", "low", "参加は依然として少ない"),
    ("全対象者への説明には至っていない。", "partial", "high", "全対象者への説明には至っていない"),
    # halved; stopped or not done in some places; cannot; cut down to; only at the stage of choosing
    ("出前講座の依頼件数は前年度から半減した。", "partial", "low", "半減"),
    ("教室は3か所で休止が続いている。", "partial", "high", "休止"),
    ("予定していた地区のうち半数で開催できなかった。", "partial", "high", "できなかった"),
    ("講演会は、開催いたしかねる状況となった。", "not_achieved", "high", "いたしかねる"),
    ("窓口は、人手が足りず週2日の開設に縮小した。", "partial", "high", "に縮小"),
    ("拠点の整備は、候補地の選定を進めている段階にある。", "not_achieved", "high", "選定を進めている段階にある"),
    ("前年度に延期した講座を、今年度開催した。", "achieved", "high", "延期した講座を、今年度開催し"),
    # X中Y of places not done is a part not done, not the share done; a decision not to hold it; all called off
    ("第2層協議体は、市内8地区中3地区で未設置である。", "partial", "high", "未設置"),
    ("日帰り旅行は安全確保が難しいため、実施しないと判断した。", "cancelled", "high", "実施しないと判断"),
    ("料理教室は、講師の辞退により全回取消しとなった。", "cancelled", "high", "全回取消し"),
    ("事業所の指定取消しを行った。", "achieved", "high", "を行った"),
    ("特養の空床は減少し、稼働率は向上した。", "achieved", "high", "空床は減少"),
    # a share of an ordinary year, part not yet done, a grade of ×, behind schedule
    ("研修を実施した。ただし、受講者は例年の7割程度であった。", "partial", "low", "例年の7割程度"),
    ("事業の進捗：一部未実施", "partial", "high", "一部未実施"),
    ("達成状況：×", "not_achieved", "high", "達成状況：×"),
    ("事業は予定より遅れて進行中である。", "partial", "low", "予定より遅れ"),
    # no break, and the usual way replaced by a new one, are no shortfall
    ("台風の時期も、見守りの電話を中断なく続けた。", "achieved", "high", "続けた"),
    ("従来の紙の申請に代えて、電子申請を導入した。", "achieved", "high", "導入した"),
    ("説明会は開催できず、資料の送付で代えた。", "partial", "high", "で代えた"),
    # a cancellation as a decision or a policy; postponed by another word; N sessions called off is a part
    ("秋祭りは、今年度は開催しない方針とした。", "cancelled", "high", "開催しない方針"),
    ("作品展は、出展の辞退が続き、開催を見合わせることとなった。", "cancelled", "high", "見合わせることとなった"),
    ("体力測定会は猛暑のため中止を決定した。", "cancelled", "high", "中止を決定した"),
    ("講習会は会場の都合で翌年度へ順延した。", "not_achieved", "high", "順延"),
    ("体操教室は、大雪のため3回を休講とした。", "partial", "high", "休講"),
    ("連絡会の一部を書面での意見照会に替えた。", "partial", "high", "に替えた"),
    # a share of a capacity; a rate with its target rate after it
    ("教室の受講者は18人で、定員30人の6割であった。", "partial", "high", "定員30人の6割"),
    ("受診率は5.0%で、目標の7%に届かなかった。", "partial", "high", "5.0%で、目標の7%"),
    ("参加率は9.1%で、目標の9%を達成した。", "achieved", "high", "9.1%で、目標の9%"),
    # fourth round: something unwanted that did not occur, or no case of a failure, is good news
    ("夜間の巡回を続け、転倒事故の報告はなかった。", "achieved", "high", "転倒事故の報告はなかった"),
    ("送迎車両の点検を毎月行い、遅延は発生せず運行した。", "achieved", "high", "遅延は発生せず"),
    ("訪問対象者のうち未訪問者はいない。", "achieved", "high", "未訪問者はいない"),
    ("ボランティア活動中の事故・けがの報告なし。", "achieved", "high", "事故・けがの報告なし"),
    ("期限内に連絡が取れなかった世帯はなかった。", "achieved", "high", "取れなかった世帯はなかった"),
    ("相談窓口を開設した。苦情はほとんどなかった。", "achieved", "high", "開設した"),
    # hardly any take-up is short of the aim, even when the event was held
    ("講演会を開いたが、若い世代の参加はほとんどなかった。", "partial", "high", "参加はほとんどなかった"),
    # a lower-is-better indicator under its ceiling; a rate above its target level (the per cent is the target)
    ("徘徊による行方不明の届出件数は上限とした20件を下回った。", "achieved", "high", "上限とした20件を下回っ"),
    ("事故報告の件数は目標（年30件以下）を下回った。", "achieved", "high", "事故報告の件数は目標（年30件以下）を下回っ"),
    ("申請から決定までの処理期間を平均14日以内に短縮した。", "achieved", "high", "処理期間を平均14日以内に短縮"),
    ("重度化率は目標値12%を下回る10.5%であった。", "achieved", "high", "重度化率は目標値12%を下回る"),
    ("体力が低下した人の割合は2割にとどまった。", "achieved", "high", "低下した人の割合は2割にとどま"),
    ("誤請求の割合は目標の3%以下に抑えた。", "achieved", "high", "目標の3%以下に抑え"),
    ("予防接種の接種率は目標の50%を上回った。", "achieved", "high", "率は目標の50%を上回"),
    # a disruption set apart, or before a contrast that the whole aim met, is no shortfall
    ("積雪による休講を除き、体操教室は計画どおり運営した。", "achieved", "high", "計画どおり"),
    ("一部の回は書面開催に変更したが、予定の10回を確保した。", "achieved", "low", "確保した"),
    ("大雨で延期した回もあったが、全体として目標人数を確保した。", "achieved", "low", "確保した"),
    # background, a former gap, simpler paperwork, a level regained
    ("ヘルパーの不足が続く中で、訪問回数を計画どおり確保した。", "achieved", "high", "計画どおり"),
    ("未開設だった東地区にも相談窓口を開設した。", "achieved", "high", "開設した"),
    ("補助金の申請書を簡素化して受付を行った。", "achieved", "high", "を行った"),
    ("台風の影響で減少する前の水準まで参加者数が回復した。", "achieved", "high", "台風の影響で減少する前の水準まで参加者数が回復"),
    # a remaining issue in a sentence of its own is a caveat beside a success; after a contrast, partly
    ("交流会を年4回開催した。参加者の増加に伴い、会場の確保が課題となっている。", "achieved", "low", "開催した"),
    ("交流会を年4回開催したが、参加者の固定化が課題となっている。", "partial", "high", "課題となって"),
    # a share of a planned group of people; a postponement called 保留
    ("戸別訪問は予定対象者の3割にとどまった。", "not_achieved", "high", "予定対象者の3割"),
    ("条例の改正は国の動向を見て保留とした。", "not_achieved", "high", "保留"),
    # the mirror: a lower-is-better indicator above its ceiling, complaints piling up, is a shortfall
    ("救急搬送の件数は目標（年80件以下）を上回った。", "partial", "high", "搬送の件数は目標（年80件以下）を上回っ"),
    ("介護職員の離職率は18%で、県平均を上回っている。", "partial", "high", "離職率は18%で、県平均を上回っ"),
    ("配食の遅配に関する苦情が相次いだ。", "partial", "high", "苦情が相次い"),
    # ... but a harm that did not grow is good news, while a count of participants that did not grow is not
    ("見守り対象世帯の孤立死は発生していない。", "achieved", "high", "孤立死は発生していない"),
    ("夜間の相談窓口への苦情は増えておらず、対応は安定している。", "achieved", "high", "苦情は増えておらず"),
    ("体操教室の参加者は増えていない。", "partial", "high", "ていない"),
    # no case past a deadline, no rise of a harm; the whole aim met in a changed form; held again after a pause
    ("申請から30日を超えた案件はなかった。", "achieved", "high", "超えた案件はなかった"),
    ("詐欺被害の相談件数に大きな増加は見られなかった。", "achieved", "high", "被害の相談件数に大きな増加は見られなかった"),
    ("講師の都合で書面開催に変更したものの、予定の3回を開催した。", "achieved", "low", "開催した"),
    ("昨年度に休止した交流会を、今年度は全地区で開催した。", "achieved", "high", "休止した交流会を、今年度は全地区で開催し"),
    # a share of the planned count; hardly anyone, or no one at all, taking it up
    ("住宅改修の点検は、計画した件数の7割の実施となった。", "partial", "high", "計画した件数の7割"),
    ("研修は開いたが、修了後に登録した人はほとんどいなかった。", "partial", "high", "登録した人はほとんどいなかった"),
    ("体験会への申込みは一件もなかった。", "not_achieved", "high", "申込みは一件もなかった"),
    # a target rate named further off; N of the planned venues; the growth of a cost below its plan
    ("目標とした教室の参加率8%に対し、実績は6.4%であった。", "partial", "high", "目標とした教室の参加率8%に対し、実績は6.4%"),
    ("出張相談は計画の10会場のうち6会場で行い、残りの4会場は次年度に開催する。", "partial", "high", "計画の10会場のうち6"),
    ("介護給付費の伸びは計画値を下回った。", "achieved", "high", "給付費の伸びは計画値を下回"),
    # a result with its plan in brackets after it; a progress rate with its basis named before the figure
    ("見守り協力事業所は新たに3事業所が加わり計18事業所となった（計画では25事業所）。", "partial", "high",
     "18事業所となった（計画では25"),
    ("協力員の登録数　進捗率（対目標値）72.0％", "partial", "high", "進捗率（対目標値）72.0％"),
    # 発生 and 起きる are said of incidents; a decline of last year as context; the whole aim met in N places
    ("訪問時の個人情報の紛失事案は発生していない。", "achieved", "high", "発生していない"),
    ("制度の切り替えで大きな混乱は起きなかった。", "achieved", "high", "混乱は起きなかった"),
    ("昨年度に減少した協力員の数は、今年度は12人増えて目標を上回った。", "achieved", "high", "目標を上回"),
    ("大雪で日程を2週間延期したが、年度内に全6地区で実施した。", "achieved", "low", "実施した"),
    # a harm halved; a date moved to next year; nothing new after an attempt continued; a share of last year
    ("講座を重ねた結果、詐欺被害の件数は前年度から半減した。", "achieved", "high", "詐欺被害の件数は前年度から半減"),
    ("交流会は会場の都合がつかず、開催時期を次年度に変更した。", "not_achieved", "high", "時期を次年度に変更"),
    ("協力店の募集を続けたが、新たな協力先はなかった。", "not_achieved", "high", "新たな協力先はなかった"),
    ("参加者数は前年の半分に減少した。", "partial", "high", "前年の半分に"),
    # no one off work, nothing improper found; a group described by its past slump; everyone finished after
    # a break; fewer refusals
    ("腰痛予防の研修を行い、受講した施設では休職者が出なかった。", "achieved", "high", "休職者が出なかった"),
    ("福祉用具の貸与の点検では、不適切な貸与は見つからなかった。", "achieved", "high", "不適切な貸与は見つからなかった"),
    ("受診率が低迷していた60歳代に案内を送り、受診者が増えた。", "achieved", "high", "増えた"),
    ("機器の故障で1回を中止したが、補講を行い受講者全員が修了した。", "achieved", "low", "修了した"),
    ("空きがないため利用を断るケースは減っている。", "achieved", "high", "断るケースは減って"),
    # fifth round: a change of form is a means, decided by the sentence: alone partial, before the whole
    # aim met (or a contrast and a success) achieved; a problem that did not arise, fell or was averted;
    # a rise kept within bounds; a feared shortfall; a decline recovered; a lack that did not arise;
    # an activity going on; a reduction not made
    ("運営推進会議は書面開催に切り替えた。", "partial", "low", "書面開催"),
    ("家族会はウェブ会議に変更したが、登録者の全員と連絡を取ることができた。", "achieved", "low", "できた"),
    ("交流会は感染予防のため分散開催とし、予定の全4回を終えた。", "achieved", "low", "を終え"),
    ("講習は電話での指導に切り替え、計画していた件数を確保した。", "achieved", "low", "確保した"),
    ("申請書類の審査の遅れは、年度後半は一度も生じなかった。", "achieved", "high", "遅れは、年度後半は一度も生じなかった"),
    ("相談記録の記入漏れは昨年度より少なく、研修の成果が見られた。", "achieved", "high", "漏れは昨年度より少なく"),
    ("以前に目立った窓口での待ち時間の苦情は、番号札の導入でほぼ解消した。", "achieved", "high",
     "目立った窓口での待ち時間の苦情は、番号札の導入でほぼ解消"),
    ("保険料の伸びは1.2%にとどまり、想定の範囲内に収めた。", "achieved", "high", "にとどまり、想定の範囲内に収め"),
    ("散歩中の転倒があったが、すぐに対応し、大きなけがには至らなかった。", "achieved", "high", "大きなけがには至らなかった"),
    ("不適切なケアプランは0件だった。", "achieved", "high", "不適切なケアプランは0件"),
    ("受講者が定員を割り込むことが心配されたが、最終的に定員を満たした。", "achieved", "high", "定員を満たし"),
    ("落ち込んでいた通いの場の参加者は、今年度は持ち直した。", "achieved", "high", "落ち込んでいた通いの場の参加者は、今年度は持ち直"),
    ("配食は年末年始も途切れることなく届けた。", "achieved", "low", "た。"),
    ("ショートステイは過不足なく確保でき、待機者なし。", "achieved", "high", "確保でき、"),
    ("地区の見守り活動は今年度も途切れず続いている。", "achieved", "high", "活動は今年度も途切れず続いている"),
    ("集いの場の運営は、会場の人数を絞らずに全回行った。", "achieved", "high", "行った"),
    # a break made up before the plan met; nobody declined; ended without doing it
    ("研修は講師の急病で一度中断したが、後日すべての回を再開し、年間の回数は計画を満たした。", "achieved", "low", "計画を満たし"),
    ("教室の参加者で歩行速度が低下した人はいなかった。", "achieved", "high", "低下した人はいなかった"),
    ("手引きの改訂は手を付けられずに終わった。", "not_achieved", "high", "手を付けられず"),
    ("名簿の整備は人手が足りず、完成できずに終わった。", "not_achieved", "high", "できず"),
    # a decline that did not happen; a table line's target read with its own result; the whole course; a
    # complaint not received; a refusal that never happened; only so many; talks at a standstill
    ("参加者数は呼びかけの効果で減ることなく推移した。", "achieved", "high", "減ることなく"),
    ("・相談件数：延べ310件（目標300件）／相談員数4人（計画4人）", "achieved", "high", "4人（計画4"),
    ("講座は機材の故障で1回延期したものの、全課程を修了した。", "achieved", "low", "修了した"),
    ("配布物の回収率は低かったが、記載への苦情は寄せられていない。", "achieved", "high", "苦情は寄せられていない"),
    ("申請を断ったことは一度もなかった。", "achieved", "high", "断ったことは一度もなかった"),
    ("相談会の利用は2件にすぎなかった。", "partial", "high", "2件にすぎなかった"),
    ("用地の交渉は平行線のまま終わった。", "not_achieved", "high", "平行線のまま"),
    # sixth round (administrative evaluations): no one or few cases reached the aimed result, a harm no
    # case came to; a change named as what is explained; a problem reduced with a clause before its decline
    ("講座は開いたが、登録に至った者はいない。", "not_achieved", "high", "至った者はいない"),
    ("相談は多いが、申請に至ったケースは少ない。", "partial", "high", "至ったケースは少ない"),
    ("転倒はあったが、大きな事故に至った事例はなかった。", "achieved", "high", "大きな事故に至った事例はなかった"),
    ("訪問を始めた。これが減少の一因と考えられる。", "achieved", "low", "た。"),
    ("待機者数は、新施設の開設により、前年度から3割減少した。", "achieved", "high",
     "待機者数は、新施設の開設により、前年度から3割減少"),
    # a count, then its target in the same unit; a gap to a target named further off; more problems reduced
    # (crime, empty dwellings, corrections ordered); a ceiling named further from its indicator
    ("創業した件数は9件で、目標の25件を大きく下回った。", "not_achieved", "high", "9件で、目標の25件を大きく下回"),
    ("受診率は前年度より上昇したものの、目標とする40%とは依然として開きがある。", "partial", "high",
     "目標とする40%とは依然として開きがある"),
    ("刑法犯の認知件数は前年から127件減少した。", "achieved", "high", "刑法犯の認知件数は前年から127件減少"),
    ("改善を指導した事業所は前年度より少なかった。", "achieved", "high", "改善を指導した事業所は前年度より少なかった"),
    ("要介護認定率は18.9%と前年度から横ばいで推移しており、計画値の19.5%を下回っている。", "achieved", "high",
     "認定率は18.9%と前年度から横ばいで推移しており、計画値の19.5%を下回っ"),
    # no one took up what was offered; a rate's target level named further off; a trend stopped; fewer
    # drop-outs; few of something unwanted
    ("説明会は開いたが、受入れを決めた事業所はなかった。", "not_achieved", "high", "受入れを決めた事業所はなかった"),
    ("受診率は前年度から2.3ポイント上昇し、目標の25%に到達した。", "achieved", "high",
     "率は前年度から2.3ポイント上昇し、目標の25%に到達"),
    ("団員数は2,004人となり、減少傾向に歯止めがかかった。", "achieved", "high", "減少傾向に歯止めがかか"),
    ("指導の中断者が前年度より減った。", "achieved", "high", "中断者が前年度より減った"),
    ("定着支援に力を入れ、離職する人は少なかった。", "achieved", "high", "離職する人は少なかった"),
    # a planned count with its result further on; last year short before this year; postponed and held
    # after all; a part reduced before the whole well; a group described by its lack; emissions reduced
    ("会議は年3回の開催を予定していたが、2回目以降は調整が整わず、開催は1回となった。", "not_achieved", "high",
     "3回の開催を予定していたが、2回目以降は調整が整わず、開催は1回となっ"),
    ("前年度は会場の都合で4回にとどまったが、今年度は計画どおりの開催となった。", "achieved", "high", "計画どおり"),
    ("天候不良で延期した地区も年度内に開催を終えた。", "achieved", "high", "延期した地区も年度内に開催を終え"),
    ("一部のグループは活動回数を減らしたが、全体としては活動が定着している。", "achieved", "low", "全体としては活動が定着"),
    ("視聴確認の未提出事業所には個別に督促を行った。", "achieved", "high", "を行った"),
    # a share of the target not reached (one that would meet the aim is no ratio; a lower one still is);
    # a gap that arose and was filled; a delay not seen; a group by its lack before an aimed action
    ("通行量は前年度より増加したものの、目標値の9割に満たない。", "partial", "high", "目標値の9割に満たな"),
    ("参加者は目標の3割にも満たなかった。", "not_achieved", "high", "目標の3割"),
    ("欠員が生じたセンターもあったが、年度内に補充を終えた。", "achieved", "high",
     "欠員が生じたセンターもあったが、年度内に補充を終え"),
    ("審査期間の長期化は見られなかった。", "achieved", "high", "長期化は見られなかった"),
    ("未作成の2施設についても、早期に作成を終える。", "achieved", "high", "を終え"),
    ("ごみの排出量は前年度より15g減少し、計画の目標値を下回った。", "achieved", "high",
     "排出量は前年度より15g減少し、計画の目標値を下回っ"),
    # seventh round: a statement of the aim met outweighs, elsewhere in the report, a weak shortfall, a judgement
    # of degree and an obstacle overcome (low confidence, as beside a caveat); a problem the work is to remove
    # is its purpose
    ("教室を計画どおり全10回開催した。参加者は前年度より減少した。", "achieved", "low", None),
    ("地域ケア会議を年24回開催し、計画回数を達成した。一方で、課題を施策につなげる仕組みはまだ十分とはいえない。",
     "achieved", "low", None),
    ("相談会を全12回開催した。受入れ体制が十分でない時期もあったが、日程調整で対応した。", "achieved", "low", None),
    ("受入れ体制が十分でない時期もあったが、日程調整で対応した。", "partial", "high", "十分でない"),
    ("手続きが進まない事例をなくすため、相談窓口を設け、講演会を予定どおり実施した。", "achieved", "high", "予定どおり"),
    ("教室を計画どおり全10回開催した。講師が急病のため、2回は中止した。", "partial", "high", "中止"),
]


@pytest.mark.parametrize(("text", "status", "confidence", "phrase"), READINGS)
def test_sentence_logic_reads_each_held_out_pattern(text, status, confidence, phrase, reading):
    row = reading(text)
    assert (row.status, row.confidence, row.evidence_phrase if phrase else None) == (status, confidence, phrase)
    if phrase is not None:
        assert row.evidence[int(row.evidence_start):int(row.evidence_end)] == phrase


# Work under way (検討中, 準備を進めている) when doing was the aim is not done; when the target is itself to
# study or prepare it is achieved; with no target, it is not done only when the report names the activity
# the work is for, otherwise unclear (text, status, deciding rule).
UNDER_WAY = [
    ("訪問型サービスの導入について、現在検討中。", "not_achieved", "ongoing_kento"),
    ("見守りアプリの導入を検討している。", "not_achieved", "ongoing_kento"),
    ("協議体の設置に向けて関係団体と調整を進めている。", "not_achieved", "ongoing_kento"),
    ("事業の立ち上げについては、引き続き検討していく。", "not_achieved", "ongoing_kento"),
    ("普及啓発の手法を研究している段階である。", "not_achieved", "neg_stage"),
    ("地域包括ケアのあり方について、庁内で検討を進めている。", "unclear", "ongoing_kento"),
    ("研修を実施した。今後は、新事業の導入に向けて検討を進めている。", "achieved", "done_verb"),
    ("地域ケア会議を開催し、課題の解決に向けて協議を重ねている。", "achieved", "done_conjunctive"),
    ("毎月、ケース検討を行っている。", "achieved", "done_case_review"),
    ("協議体の設置に向けて、関係者と話し合いを重ね、理解を深めるよう努めた。", "not_achieved", "ongoing_kento"),
    ("窓口の開設時期について、引き続き検討中である。", "not_achieved", "ongoing_kento"),
    ("見守りアプリの導入について、検討に着手したところである。", "not_achieved", "ongoing_kento"),
    ("地域福祉の推進体制について、庁内で議論を重ねている。", "unclear", "ongoing_kento"),
    ("人材の確保策は、国の動向を注視しているところである。", "unclear", "ongoing_kento"),
]


@pytest.mark.parametrize(("text", "status", "rule"), UNDER_WAY)
def test_work_under_way_is_not_done_when_doing_was_the_aim(text, status, rule, reading):
    row = reading(text)
    assert (row.status, row.evidence_rule) == (status, rule)
    assert row.confidence == ("high" if rule in ("done_verb", "done_case_review", "neg_stage") else "low")


def test_status_reads_work_under_way_against_the_years_target(tmp_path):
    from dashboard import db
    from dashboard.cli import main

    from .conftest import write_source

    src = write_source(tmp_path, "医療・看護\t1-①\t協議体\t着手\t設置方法の検討\t実施\t●関係団体と協議を重ねている。\t●継続する。\n"
                                 "医療・看護\t1-②\t教室\t着手\t年4回開催\t実施\t●関係団体と協議を重ねている。\t●継続する。\n")
    assert main(["normalize", str(src), "--out", str(tmp_path / "n")]) == 0
    rows = queries.run(db.open_data(tmp_path / "n"), "status", municipality=None, year=2019, domains=None,
                       statuses=None, q=None).set_index("number")
    assert (rows.loc["1-①", "status"], rows.loc["1-①", "confidence"]) == ("achieved", "low")
    assert (rows.loc["1-②", "status"], rows.loc["1-②", "confidence"]) == ("not_achieved", "low")
    assert rows.loc["1-②", "evidence_phrase"] == "協議を重ねている"


def test_a_hidden_character_inside_a_negation_keeps_offsets_in_the_original_text():
    text = "介護者のつどいは、今年度は開催で\u200bきなかった。"
    row = classify([text]).iloc[0]
    assert row.status == "not_achieved" and row.evidence == text
    assert (int(row.evidence_start), int(row.evidence_end)) == (15, 22)
    assert text[15:22] == "で\u200bきなかった"


def test_numbers_show_their_ratio():
    out = classify(["目標24人に対し5人。", "82%の実績", "研修会を開催した。"])
    assert list(out.evidence_ratio.round(3)) [:2] == [0.208, 0.82]
    assert out.evidence_ratio.isna().iloc[2]


def test_status_compares_an_amount_done_with_the_measures_own_target(tmp_path):
    from dashboard import db
    from dashboard.cli import main

    from .conftest import write_source

    src = write_source(tmp_path, "医療・看護\t1-①\t教室\t着手\t年4回開催\t実施\t●教室を地域で3回開催した。\t●継続する。\n"
                                 "医療・看護\t1-②\t相談\t着手\t年4回開催\t実施\t●相談会を4回開催した。\t●継続する。\n")
    assert main(["normalize", str(src), "--out", str(tmp_path / "n")]) == 0
    rows = queries.run(db.open_data(tmp_path / "n"), "status", municipality=None, year=2019, domains=None,
                       statuses=None, q=None).set_index("number")
    assert (rows.loc["1-①", "status"], rows.loc["1-①", "evidence_ratio"], rows.loc["1-①", "evidence_phrase"]) == \
        ("partial", 0.75, "3回")
    assert (rows.loc["1-②", "status"], rows.loc["1-②", "confidence"]) == ("achieved", "high")


def test_thresholds_come_from_the_data_file():
    from dashboard import db

    with db.THRESHOLDS.open(encoding="utf-8") as f:
        rows = {r["status"]: float(r["min_ratio"]) for r in csv.DictReader(f)}
    assert rows == {"achieved": 0.9, "partial": 0.5, "not_achieved": 0.0}


def test_the_rules_word_lists_are_literal_and_longest_first(tmp_path, monkeypatch):
    """A word of data/rule_words.csv is taken as written (no pattern), and a longer word is tried first."""
    from dashboard import db

    words = tmp_path / "rule_words.csv"
    words.write_text("list,word,note\nunit,人,\nunit,人日,\npreparing,(案),\n", encoding="utf-8")
    monkeypatch.setattr(db, "WORDS", words)
    con = db.new_database()
    assert con.execute("select words('unit'), words('preparing')").fetchone() == ("(人日|人)", r"(\(案\))")
    assert con.execute("select regexp_extract('延べ30人日', '[0-9]+' || words('unit'), 1)").fetchone() == ("人日",)


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ("list,words,note\nunit,回,\n", 1, "the header should be list,word,note"),
        ("list,word,note\nunit,回,\nunti,人,\n", 3, "list 'unti': one of unit, preparing, cause_ending"),
        ("list,word,note\nunit,,\n", 2, "word is empty"),
        ("list,word,note\nunit,回,a unit, as in 年4回\n", 2, "3 cells expected"),
        ("list,word,note\nunit,回,\nunit,回,\n", 3, "list,word 'unit,回' is listed twice (also line 2)"),
    ],
)
def test_a_typo_in_the_rules_word_lists_is_one_error_line_naming_the_file_and_row(
        rows, line, message, tmp_path, monkeypatch, capsys):
    import io

    from dashboard import db
    from dashboard.cli import main

    words = tmp_path / "rule_words.csv"
    words.write_text(rows, encoding="utf-8")
    monkeypatch.setattr(db, "WORDS", words)
    monkeypatch.setattr("sys.stdin", io.StringIO("研修会を開催した。\n"))
    assert main(["classify"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {words}:{line}: {message}") and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(
    ("file", "edit", "line", "message"),
    [
        ("signals", lambda t: t.replace("\ndone,true,", "\ndone,ture,", 1), 2,
         "signal done: in_rules 'ture': true or false"),
        ("signals", lambda t: t + "done,true,false,0,false,false,true,true,true,achieved,5,\n",
         len((ROOT / "data" / "signals.csv").read_text(encoding="utf-8").splitlines()) + 1,
         "signal done: listed twice (also line 2)"),
        ("signals", lambda t: t.replace("partial cancelled,3", "partial canceled,3"), 5,
         "signal cancelled: evidence_of 'canceled': not a status word of data/status_words.csv (achieved, partial, "),
        ("rules", lambda t: t.replace(",not_done,", ",not_dne,", 1), None,
         "unknown signal 'not_dne' (not one of signals.csv that rules may give)"),
        ("rules", lambda t: t.replace(",not_done,", ",number,", 1), None, "unknown signal 'number'"),
    ],
)
def test_a_typo_in_the_signals_or_a_rules_signal_is_one_error_line_naming_the_file_and_row(
        file, edit, line, message, tmp_path, monkeypatch, capsys):
    import io

    from dashboard import db
    from dashboard.cli import main

    original = db.SIGNALS if file == "signals" else db.RULES
    path = tmp_path / original.name
    path.write_text(edit(original.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(db, "SIGNALS" if file == "signals" else "RULES", path)
    if line is None:  # the first rule of that signal
        line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                    if ",not_dne," in row or ",number," in row)
    monkeypatch.setattr("sys.stdin", io.StringIO("研修会を開催した。\n"))
    assert main(["classify"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}:{line}: ") and message in err and len(err.strip().splitlines()) == 1, err


def _one_cell_changed(original, folder, row: int, column: str, change) -> tuple:
    """A copy of a reference file with one cell of data row `row` (0-based) changed: (path, its line, the row)."""
    with original.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows, columns = list(reader), reader.fieldnames
    rows[row][column] = change(rows[row][column])
    path = folder / original.name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        lines = [reader.line_num for _ in reader]
    return path, lines[row + 1], rows[row]


STATUS_LIST = "(achieved, partial, not_achieved, cancelled, no_report, unclear, target_only, no_target)"
REFERENCE_TYPOS = [  # (file, data row, column, change, the problem said after FILE:LINE: — {rule} is the row's rule_id)
    ("THRESHOLDS", 1, "status", lambda v: "partail", "status 'partail': not a status word of data/status_words.csv ("),
    ("THRESHOLDS", 2, "status", lambda v: " " + v, "status '{value}': not a status word"),  # loaded as written
    ("THRESHOLDS", 1, "min_ratio", lambda v: "half", "min_ratio 'half': a number (0.5)"),
    ("RULES", 0, "strength", lambda v: "waek", "rule {rule}: strength 'waek': one of strong, weak"),
    ("RULES", 0, "priority", lambda v: v + "x", "rule {rule}: priority '{value}': a whole number"),
    ("RULES", 0, "pattern", lambda v: "(" + v, "rule {rule}: pattern is not an RE2 regular expression (missing ):"),
    ("RULES", 1, "rule_id", lambda v: "{first}", "rule {first}: listed twice (also line 2)"),
    ("SIGNALS", 0, "evidence_of", lambda v: "achived", "signal {signal}: evidence_of 'achived': not a status word"),
    ("SIGNALS", 0, "amount_groups", lambda v: "3", "signal {signal}: amount_groups '3': a whole number from 0 to 2"),
    ("WORDS", 0, "list", lambda v: "units", "list 'units': one of unit, preparing, cause_ending"),
]


@pytest.mark.parametrize("attr,row,column,change,problem", REFERENCE_TYPOS,
                         ids=[f"{t[0]}-{t[2]}-{n}" for n, t in enumerate(REFERENCE_TYPOS)])
def test_a_typo_in_a_reference_file_is_one_plain_line_naming_file_line_and_what_is_allowed(
        attr, row, column, change, problem, tmp_path, monkeypatch):
    """A status word that is no status word, a strength, a priority, a ratio, a pattern, a list name: each one
    line `error: FILE:LINE: …` in plain words (never DuckDB's), exit status 2, nothing printed on stdout."""
    from dashboard import db

    from .conftest import cli

    original = getattr(db, attr)
    with original.open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    path, line, changed = _one_cell_changed(original, tmp_path, row, column,
                                            lambda v: change(v).replace("{first}", first.get("rule_id", "")))
    monkeypatch.setattr(db, attr, path)
    done = cli("classify", stdin="研修会を開催した。\n")
    expected = problem.format(rule=changed.get("rule_id"), value=changed.get(column), first=first.get("rule_id"),
                              signal=changed.get("signal"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"error: {path}:{line}: {expected}") and done.stderr.count("\n") == 1, done.stderr
    assert "Error:" not in done.stderr and "constraint" not in done.stderr


def test_a_status_word_misspelt_in_the_status_word_table_names_that_table(tmp_path, monkeypatch):
    """`achieved` written `acheived` in data/status_words.csv: that file and line are wrong, not the signal
    or threshold that names `achieved`."""
    from dashboard import db

    from .conftest import cli

    with db.STATUS_WORDS.open(encoding="utf-8", newline="") as f:
        row = next(n for n, r in enumerate(csv.DictReader(f)) if r["status"] == "achieved")
    path, line, _ = _one_cell_changed(db.STATUS_WORDS, tmp_path, row, "status", lambda v: "acheived")
    monkeypatch.setattr(db, "STATUS_WORDS", path)
    done = cli("classify", stdin="研修会を開催した。\n")
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path}:{line}: status 'acheived': the queries need the status word 'achieved'")


def test_every_status_word_a_query_names_is_listed_as_named():
    """queries/build/named_statuses.sql lists the status words the queries write themselves, which the
    status-word table must define: a word written in a query and missing there would go unchecked."""
    import re

    from dashboard import db
    from dashboard.i18n import STATUSES

    named = set(queries.run(db.new_database(), "build/named_statuses").status)
    assert named <= set(STATUSES)
    written = set()
    for path in (ROOT / "queries").rglob("*.sql"):
        written |= set(re.findall(r"'([a-z_]+)'", queries._COMMENT.sub(" ", path.read_text(encoding="utf-8"))))
    assert written & set(STATUSES) <= named, sorted(written & set(STATUSES) - named)


@pytest.mark.parametrize("attr", ["RULES", "SIGNALS", "THRESHOLDS", "STOPWORDS", "VARIANTS", "WORDS"])
def test_a_stray_comma_in_any_reference_file_is_one_error_line_naming_its_row(attr, tmp_path, monkeypatch, capsys):
    """A cell too many on line 3 of a file the rules are built from: refused with its line, never a value
    silently shifted into the next column."""
    import io

    from dashboard import db
    from dashboard.cli import main

    original = getattr(db, attr)
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",", ",,", 1) if "," in lines[2] else lines[2].rstrip("\n") + ",x\n"
    path = tmp_path / original.name
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(db, attr, path)
    monkeypatch.setattr("sys.stdin", io.StringIO("研修会を開催した。\n"))
    assert main(["classify"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}:3: ") and "cells expected" in err and len(err.strip().splitlines()) == 1, err


def test_an_error_names_a_project_file_by_its_place_in_the_project():
    from dashboard.errors import InputError

    assert InputError(ROOT / "data" / "status_rules.csv", "x", line=3).one_line() == "error: data/status_rules.csv:3: x"
    assert InputError("/elsewhere/table.tsv", "x").one_line() == "error: /elsewhere/table.tsv: x"


def test_the_pipeline_asks_the_signals_classes_instead_of_listing_signals():
    """A new signal is a row of data/signals.csv: no build query lists signals by hand."""
    import re

    with (ROOT / "data" / "signals.csv").open(encoding="utf-8") as f:
        signals = {row["signal"] for row in csv.DictReader(f)}
    for path in (ROOT / "queries" / "build").glob("*.sql"):
        lists = re.findall(r"\(\[?('[a-z_]+'(?:\s*,\s*'[a-z_]+')+)", path.read_text(encoding="utf-8"))
        # a ratio is held only inside a longer ratio or a success that says what it is: two particular signals
        listed = [items for items in lists if set(re.findall(r"'([a-z_]+)'", items)) & signals
                  and items != "'number', 'done'"]
        assert not listed, (path.name, listed)


def test_every_rule_is_documented_with_strength_and_an_example_it_matches():
    import re

    with (ROOT / "data" / "status_rules.csv").open(encoding="utf-8") as f:
        rules = list(csv.DictReader(f))
    assert list(rules[0]) == ["rule_id", "signal", "strength", "priority", "pattern", "example", "note"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for column in rules[0]:
        assert f"`{column}`" in readme
    for rule in rules:
        assert rule["strength"] in ("strong", "weak"), rule["rule_id"]
        if rule["example"]:
            assert re.search(rule["pattern"].replace("\\p{Han}", "[\u4e00-\u9fff]"), rule["example"]), rule["rule_id"]


def test_eval_prints_the_confusion_and_the_figures():
    import contextlib
    import io

    from dashboard.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["eval", str(FIXTURES / "notes" / "eval_small.tsv")]) == 0
    text = out.getvalue()
    assert text.splitlines()[1].split() == ["achieved", "1", "1", "0", "0", "0", "0"]
    assert text.splitlines()[2].split() == ["partial", "0", "1", "0", "0", "0", "1"]
    assert text.splitlines()[3].split() == ["not_achieved", "1", "0", "1", "0", "0", "0"]
    assert text.splitlines()[4].split() == ["cancelled", "0", "0", "0", "1", "0", "0"]
    assert "shortfall recall: 3/5 (60%)" in text
    assert "shortfalls read as achieved: 1/5 (20%)" in text
    assert "false alarms (achieved read as lagging): 1/2 (50%)" in text
    assert "unclear: 1/7 (14%)" in text


def test_eval_masks_grade_words_when_the_labels_are_grades():
    from dashboard.evaluate import evaluate

    result = evaluate(FIXTURES / "notes" / "eval_grades.tsv", "text", "grade")
    assert [r["expected"] for r in result.rows] == ["achieved", "shortfall", "shortfall", "between"]
    assert "順調" not in result.rows[0]["note"] and "＊" in result.rows[0]["note"]
    assert result.figures()["shortfall_recall"] == 1.0
    kept = evaluate(FIXTURES / "notes" / "eval_grades.tsv", "text", "grade", mask=[])
    assert "「順調」" in kept.rows[0]["note"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.tsv"], "error: missing.tsv: no such file"),
        ([str(FIXTURES / "notes" / "eval_small.tsv"), "--label-column", "grade"], "no column grade"),
        ([str(FIXTURES / "notes" / "eval_small.tsv"), "--rows", str(FIXTURES / "notes" / "graded_split.csv")],
         "needs --half"),
    ],
)
def test_eval_refuses_a_bad_file_or_column_with_one_line(args, message, capsys):
    from dashboard.cli import main

    assert main(["eval", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


# Our note sets with the goals each must meet: (file, what it is, most unclear allowed, most false alarms allowed).
# notes_test.tsv to notes_test5.tsv were test sets, measured once and then retired to development (README); a
# test set is measured by hand, numbers only.
NOTE_SETS = [
    ("notes_dev.tsv", "development notes", 0.20, 0.10),
    ("notes_test.tsv", "first test set, retired", 0.20, 0.10),
    ("notes_test2.tsv", "second test set, retired", 0.20, 0.10),
    ("notes_test3.tsv", "third test set, retired", 0.20, 0.10),
    ("notes_test4.tsv", "fourth test set, retired", 0.20, 0.10),
    ("notes_test5.tsv", "fifth test set, retired", 0.20, 0.10),
    ("notes_test6.tsv", "sixth test set, retired", 0.20, 0.10),
    ("notes_test7.tsv", "seventh test set, retired", 0.20, 0.10),
    ("notes_own.tsv", "58 short notes, shortfalls without a negation and successes with risky words", 0.05, 0.05),
    ("notes_own2.tsv", "492 notes of the third round, a few for each kind of phrasing", 0.05, 0.10),
    ("notes_own3.tsv", "270 notes of the fourth round, most of them achieved notes inviting a false alarm", 0.05, 0.10),
    ("notes_own4.tsv", "90 notes of the fifth round, two thirds of them achieved notes inviting a false alarm", 0.05, 0.10),
    ("notes_own5.tsv", "150 notes of the sixth round in the style of administrative evaluations, half shortfalls", 0.05, 0.10),
    ("notes_own6.tsv", "120 notes of the seventh round, two thirds achieved notes in unfamiliar wording inviting a false alarm",
     0.05, 0.10),
    ("notes_own7.tsv", "150 notes of the eighth round, two thirds achieved notes naming an issue, a next step or context, "
     "a third shortfalls without a negation", 0.05, 0.10),
    ("notes_test8.tsv", "eighth test set, retired", 0.20, 0.10),
    ("notes_own8.tsv", "90 notes of the ninth round, half shortfalls as counts out of a plan, shares, fractions, cancellations, "
     "cuts and moves into the next year, half achieved notes with the same structures", 0.05, 0.10),
]


@pytest.fixture(scope="module")
def read_notes():
    """classify over the notes of every set at once, then each set's rows from it (a line reads the same
    alone and in a batch)."""
    from dashboard.evaluate import labelled_notes

    texts = sorted({t for name, *_ in NOTE_SETS for t in labelled_notes(FIXTURES / "notes" / name).texts})
    table = classify(texts).set_index(pd.Index(texts))
    return lambda lines: table.loc[lines].reset_index(drop=True)


@pytest.mark.parametrize(("name", "what", "unclear", "false_alarms"), NOTE_SETS, ids=[s[0] for s in NOTE_SETS])
def test_the_goals_hold_on_our_own_notes(name, what, unclear, false_alarms, read_notes):
    from dashboard.evaluate import evaluate

    f = evaluate(FIXTURES / "notes" / name, read=read_notes).figures()
    assert f["shortfalls_read_as_achieved"] <= 0.05, what
    assert f["shortfall_recall"] >= 0.90, what
    assert f["false_alarms"] <= false_alarms, what
    assert f["unclear"] <= unclear, what


def test_a_set_read_from_one_batch_gives_the_figures_of_its_own_reading(read_notes):
    from dashboard.evaluate import evaluate

    path = FIXTURES / "notes" / "notes_own.tsv"
    assert evaluate(path, read=read_notes).rows == evaluate(path).rows


def test_the_seed_agrees_with_its_labels_on_49_of_51_measures(seed_con):
    labels = {r["measure_id"]: r["status"] for r in _labels("labels_seed_2019.csv")}
    rows = queries.run(seed_con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    assert len(rows) == 51
    # a measure without a report has no label: its status must say so (no_report, or no_target without a target)
    agree = sum(labels.get(r.measure_id, "no_report" if r.target == r.target and r.target else "no_target")
                == r.automatic_status for r in rows.itertuples())
    assert agree >= 49


def test_every_reported_status_has_evidence_whose_phrase_sits_at_its_offsets(seed_con):
    rows = queries.run(seed_con, "status", municipality=None, year=None, domains=None, statuses=None, q=None)
    reported = rows[rows.report.notna()]
    assert reported.evidence.notna().all()
    for r in reported[reported.evidence_rule != "none"].itertuples():
        assert r.evidence[int(r.evidence_start):int(r.evidence_end)] == r.evidence_phrase, r.measure_id
        assert r.evidence in r.report


def test_a_planners_correction_replaces_the_status_and_keeps_the_automatic_evidence(seed_dir, tmp_path):
    from dashboard import db

    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(
        "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
        "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,not_achieved,partial,サロンのポイント交付は未実施,高齢者支援課\n",
        encoding="utf-8")
    con = db.open_data(seed_dir, overrides=overrides)
    rows = queries.run(con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None).set_index("measure_id")
    row = rows.loc["6-3-5"]
    assert (row.status, row.automatic_status, row.status_source) == ("not_achieved", "partial", "confirmed")
    assert row.confirmed_reason == "サロンのポイント交付は未実施" and str(row.confirmed_on) == "2026-11-20"
    assert "実施できていない" in row.evidence and not row.correction_stale
    assert rows.loc["6-3-4", "status_source"] == "automatic"


def test_a_corrections_row_with_an_unknown_status_is_skipped_with_a_warning_naming_the_line(seed_dir, tmp_path):
    from dashboard import db

    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text("recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
                         "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,done,,x,\n", encoding="utf-8")
    opened = db.open_reader(seed_dir, overrides=overrides)
    assert len(opened.warnings) == 1
    assert opened.warnings[0].startswith(f"{overrides}:2: unknown status 'done' (one of achieved, ")
    assert opened.warnings[0].endswith("or its label: Not achieved …); row skipped")
    rows = queries.run(opened.con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    assert set(rows.status_source) == {"automatic"}


@pytest.mark.parametrize(
    ("measure_id", "carry_over", "term"),
    [
        ("3-1-1", "addressed", "医療機関"),  # 医療機関に周知の個別依頼が出来ていない → 医療機関を訪問し…
        ("3-2-2", "addressed", "スーパービジョン"),
        ("6-3-4", "not_addressed", None),  # 団塊の世代への周知 → the plan only says 実施方法を検討する
        ("2-1-7", "not_addressed", None),  # 地域リハビリテーション事業 is not in the plan
        ("4-3-3", "addressed", "、2025年問題"),  # a number before a term is part of it, never 年問題 alone
    ],
)
def test_carry_over_says_whether_next_years_plan_addresses_the_shortfall(seed_con, measure_id, carry_over, term):
    rows = queries.run(seed_con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None).set_index("measure_id")
    assert rows.loc[measure_id, "carry_over"] == carry_over
    if term:
        assert term in rows.loc[measure_id, "carry_over_terms"]
    assert rows[~rows.lagging].carry_over.isna().all()


def test_eval_gives_each_readers_own_reading_in_the_same_figures(capsys):
    from dashboard.cli import main

    notes, readers = FIXTURES / "notes" / "eval_grades.tsv", FIXTURES / "notes" / "eval_grades_readers.csv"
    assert main(["eval", str(notes), "--text-column", "text", "--label-column", "grade", "--readers", str(readers)]) == 0
    out = capsys.readouterr().out.split("reader ")
    planner, second = out[1], out[2]
    # planner: 順調 → 順調, やや遅れ → 概ね順調 (between: not found, not achieved), 遅れ → 遅れ; the 4th note unread
    assert planner.startswith("planner: 3 of the 4 notes")
    assert "shortfall recall: 1/2 (50%)" in planner and "shortfalls read as achieved: 0/2 (0%)" in planner
    assert "shortfalls read as between: 1/2" in planner and "false alarms (achieved read as lagging): 0/1" in planner
    # second: status words and labels in any language are readings too
    assert "shortfall recall: 1/2 (50%)" in second and "shortfalls read as achieved: 1/2 (50%)" in second


@pytest.mark.parametrize(("content", "message"), [
    ("sha256_12,planner\nabc,どちらでもない\n", "readers.csv:2: planner: unknown label 'どちらでもない'"),
    ("key,planner\nabc,順調\n", "readers.csv:1: needs the column sha256_12 and one column per reader"),
])
def test_eval_refuses_a_bad_readers_file_with_one_line(content, message, tmp_path, capsys):
    from dashboard.cli import main

    readers = tmp_path / "readers.csv"
    readers.write_text(content, encoding="utf-8")
    notes = FIXTURES / "notes" / "eval_grades.tsv"
    assert main(["eval", str(notes), "--text-column", "text", "--label-column", "grade", "--readers", str(readers)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
