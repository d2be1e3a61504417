"""Shared regexes and character tables, compiled once."""

from __future__ import annotations

import regex

# Characters with no visible form that OCR and conversions leave in text: CR, BOM and zero-width
# characters, C0/C1 controls except tab and line feed.
_INVISIBLE = r"[\r\ufeff\u200b\u200c\u200d\u2060\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
INVISIBLE = regex.compile(_INVISIBLE)
# Spaces and invisible characters at either end of a line.
EDGE = regex.compile(rf"^(?:\s|{_INVISIBLE})+|(?:\s|{_INVISIBLE})+$")
INVISIBLE_NAMES = {
    "\r": "carriage return (CRLF line ending)",
    "\ufeff": "byte order mark",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
}

# Whitespace that does not count as text: the no-loss invariant is over every other character.
SPACE = regex.compile(r"\s+")


def visible(text: str) -> str:
    """``text`` without whitespace: the form in which paragraphs are compared."""
    return str(SPACE.sub("", text))


# The 500 most frequent Han characters of a simplified and of a traditional news corpus
# (shared/corpus, Sohu 2012 and Apple Daily 2008): text decoded with the wrong encoding is mostly
# made of characters outside this set, which is how GB18030 and Big5 input are told apart.
COMMON_HAN = frozenset(
    "一万丈三上下不与专世业东两严个中临为主么义之乘也习乡书了事二于些交产京亲人亿什今仍从他代以们件价任企休众会传伤伯伴但位低"
    "住体何作你使來例供便保信修個們倒借值做健傷僅儿元先光免兒入全兩公六共关其具养内再农况准出刀分切划列则初利别到制前剛剩劉力"
    "办加务动助勇動勞募勤包化北区医十午半华協单南卫即卻原去县参又及友双发取受变口只可台右司吃各合同名后向吞含吳告员周命和咽品"
    "响哥唱商問善喉單嘆器四回因困国图國在地场圾垃城基報場境增壓士声处备外多夜夢大天太夫失头奈女奶她好如妻始委婆婚媽子存孤学孩"
    "學安完宏定实客家寄寒實对导将將對導小少尚就局居展山岁州工左差己已市布师希带師帶常幫平年并幸幼幾广应底店府度康廠廳延建开式"
    "弟弱張強强当影往很後得從復心志忙忠快怎急性总患您情想意愛感愿慈慰憂懂應懷成我戒或戶户房所手才打扣批把护报拼持指按捐据捷掉"
    "接推提援搜撐撥擔據攝攤支收改放政故救教数整文料新斷方於施无日早时明昏昨是時晚景晴智暫暴更曾最會月有服望期未本机村条来杰果"
    "查标校样根格案检楊業檢次款歌正此步歲殘段母每比民气氣水求江污汽沒没河油治況法注津活流测济海消深清減源漢漸濟灾点為無然照營"
    "爱父爸物特狐獲玄环现班現理瑋生用田由申电男界畢當疗疼病症痛瘤療癌癱發白的益监盡目直相省看真眼着睡知研确示社禍福离种租积称"
    "程積究空穿突窗窘立站童第等管簡粉系約紓細給經維緊續红线组细织绍经结给统续绿网罹美群習老考者而联聲聽肚肝肢肤育胃胸能腔腦腫"
    "腳腿膽臟自至致與興色芃芸苦英获莹菸营萬萱落著蓄蓉蓮蘋處血行術补表被装補裡西要見視親覺见规解計記訪診話認說課請講謝識護讀變"
    "讓计认让议记设试该详说请调谢負責貸費貼賣负财责质费资赠走起超趕跑跟路身車輔輕轉车转较辛辦达过运近返还这进迟述退送透這通造"
    "連進運過道還邊那邱部都鄉酒醫采里重量金銷錢铁長长門開間關门问间阿附际限院除险陪陳随障險难集雖離難雨零電需霖靜非靠面鞋音須"
    "領頭顧项领题風食飯飲養餐饮馬骨體高鬱麼黃黄點鼓鼻龄龍"
)
