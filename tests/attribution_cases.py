"""Attributed figures written the way news is written, by attribution pattern, for the suggester.

Invented for this project, not copied from articles. Each case is a short text, the figures
an analyst would capture in it (the figure's own words and who it is attributed to) and,
where the text names one, the outlet that carried it. Anything else the suggester proposes
in the text counts against its precision. `DEV` is what the rules are tuned on; `HELDOUT` was
written at the same time, before any tuning, and is only measured.

`python -m tests.attribution` prints recall, precision and right-speaker per category.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import Speaker


@dataclass(frozen=True)
class Attributed:
    """A text, its attributed figures as (figure words, speaker), and the outlet if one is named."""

    text: str
    figures: tuple[tuple[str, str], ...]
    outlet: str = ""


REGISTRY = (
    Speaker("Ministry of Health", "government", ("the health ministry", "health ministry", "MoH")),
    Speaker("Interior Ministry", "government", ("the interior ministry",)),
    Speaker("United Nations", "official body", ("UN", "the UN")),
    Speaker("World Health Organization", "official body", ("WHO",)),
    Speaker("Red Crescent", "NGO", ("the Red Crescent",)),
    Speaker("Dana Velk", "official"),
    Speaker("BBC", "media"),
    Speaker("Reuters", "media"),
    Speaker("The Guardian", "media", ("Guardian",)),
)

HEALTH, INTERIOR, UN, WHO = (
    "Ministry of Health",
    "Interior Ministry",
    "United Nations",
    "World Health Organization",
)
A = Attributed

DEV = {
    "X said": [
        A("The health ministry said 212 people had died in the outbreak.", (("212", HEALTH),)),
        A("Police chief Omar Haddad said 48 protesters were arrested.", (("48", "Omar Haddad"),)),
        A(
            "The regional governor said about 3,000 homes were flooded.",
            (("about 3,000", "regional governor"),),
        ),
        A("Dana Velk, the port's director, said 14 ships were stuck offshore.", (("14", "Dana Velk"),)),
        A(
            "Local authorities on Friday said at least 60 people were missing.",
            (("at least 60", "Local authorities"),),
        ),
    ],
    "said X": [
        A(
            "At least 37 people were killed in the blast, said the interior ministry.",
            (("At least 37", INTERIOR),),
        ),
        A(
            '"Some 400 families have lost everything," said Maria Lopez, a local councillor.',
            (("Some 400", "Maria Lopez"),),
        ),
        A("More than 1,200 people were evacuated, said Dana Velk.", (("More than 1,200", "Dana Velk"),)),
        A("Some 90 people were hurt, says the Red Crescent.", (("Some 90", "Red Crescent"),)),
    ],
    "according to X": [
        A("According to the UN, 40,000 people have fled across the border.", (("40,000", UN),)),
        A(
            "About 700 soldiers were killed, according to Western intelligence officials.",
            (("About 700", "Western intelligence officials"),),
        ),
        A(
            "The fire destroyed 120 homes, according to the county fire chief.",
            (("120", "county fire chief"),),
        ),
        A(
            "According to figures from the health ministry, 5,300 cases were recorded in March.",
            (("5,300", HEALTH),),
        ),
    ],
    "told the outlet": [
        A(
            "Western officials told the BBC that 1,000 soldiers had been killed.",
            (("1,000", "Western officials"),),
            "BBC",
        ),
        A(
            "A senior police officer told Reuters that 26 people had been detained.",
            (("26", "senior police officer"),),
            "Reuters",
        ),
        A(
            "Dana Velk told the Guardian that about 800 workers had lost their jobs.",
            (("about 800", "Dana Velk"),),
            "The Guardian",
        ),
        A("Speaking to the BBC, the mayor said 15 schools were closed.", (("15", "mayor"),), "BBC"),
        A(
            "The Guardian reported that 300 migrants had been turned back, citing the interior ministry.",
            (("300", INTERIOR),),
            "The Guardian",
        ),
    ],
    "says … while …": [
        A(
            "The health ministry says 300 patients have been treated, while 45 remain in hospital.",
            (("300", HEALTH), ("45", HEALTH)),
        ),
        A(
            "Rebel commanders say 150 government troops were killed, while the army says only 20 died.",
            (("150", "Rebel commanders"), ("20", "army")),
        ),
        A(
            "The UN says 2 million people need food aid, while 600,000 are at risk of famine.",
            (("2 million", UN), ("600,000", UN)),
        ),
    ],
    "X's figures show": [
        A("The health ministry's figures show 9,400 new infections last week.", (("9,400", HEALTH),)),
        A("The UN's latest report shows 1.2 million people displaced since January.", (("1.2 million", UN),)),
        A(
            "Data from the interior ministry showed 3,150 arrests in the first half of the year.",
            (("3,150", INTERIOR),),
        ),
        A("Police records show 412 burglaries in the district in 2023.", (("412", "Police"),)),
    ],
    "officials estimate": [
        A("Officials estimate that 2,000 buildings were damaged.", (("2,000", "Officials"),)),
        A(
            "Aid agencies believe as many as 10,000 people are trapped.",
            (("as many as 10,000", "Aid agencies"),),
        ),
        A("The WHO estimates 4.5 million children are unvaccinated.", (("4.5 million", WHO),)),
        A("Economists forecast that the economy will shrink by 3%.", (("3%", "Economists"),)),
    ],
    "passive": [
        A("Some 85 deaths were reported by the health ministry on Monday.", (("Some 85", HEALTH),)),
        A("A total of 230 injuries was recorded by the Red Crescent.", (("230", "Red Crescent"),)),
        A("Nearly 500 arrests were confirmed by the interior ministry.", (("Nearly 500", INTERIOR),)),
        A("The death toll was put at 64 by local officials.", (("64", "local officials"),)),
    ],
    "reported speech across a clause": [
        A(
            "The interior ministry said that, after three days of clashes in the north, 112 fighters "
            "had been captured.",
            (("112", INTERIOR),),
        ),
        A(
            "Dana Velk said that although the river had crested, some 6,000 residents could not yet return.",
            (("some 6,000", "Dana Velk"),),
        ),
        A(
            "The UN said on Tuesday, in a statement released in Geneva, that 75 aid workers had been "
            "killed this year.",
            (("75", UN),),
        ),
    ],
    "previous sentence": [
        A(
            "The health ministry gave an update on Tuesday. It added that 300 patients were in "
            "intensive care.",
            (("300", HEALTH),),
        ),
        A(
            "Dana Velk spoke to reporters at the port. She said 22 containers had been seized.",
            (("22", "Dana Velk"),),
        ),
        A(
            "The interior ministry issued a statement. The ministry also said 54 officers had been injured.",
            (("54", INTERIOR),),
        ),
        A(
            "The UN refugee agency briefed diplomats in Geneva. According to the agency, 80,000 people "
            "had crossed the border.",
            (("80,000", "UN refugee agency"),),
        ),
    ],
    "quote then speaker": [
        A('"We have counted 130 bodies so far," the mayor said.', (("130", "mayor"),)),
        A(
            '"More than 2,000 people are sleeping in tents," Dana Velk told reporters.',
            (("More than 2,000", "Dana Velk"),),
        ),
        A(
            '"At least 18 of our staff have been killed," the Red Crescent said in a statement.',
            (("At least 18", "Red Crescent"),),
        ),
        A("“Around 60% of the harvest is gone,” said a farmer, Ali Demir.", (("Around 60%", "Ali Demir"),)),
    ],
    "headlines": [
        A(
            "300 killed in floods, officials say\n\nThe river burst its banks on Monday.",
            (("300", "officials"),),
        ),
        A(
            "At least 40 dead after ferry capsizes – health ministry\n\nRescue teams searched overnight.",
            (("At least 40", HEALTH),),
        ),
        A("UN says 2 million face hunger\n\nThe agency appealed for funds.", (("2 million", UN),)),
        A(
            "Quake toll rises to 1,200, Red Crescent says\n\nAftershocks continued on Tuesday.",
            (("1,200", "Red Crescent"),),
        ),
    ],
    "list after one attribution": [
        A(
            "The health ministry said 31 people had been killed, 140 injured and 12 were missing.",
            (("31", HEALTH), ("140", HEALTH), ("12", HEALTH)),
        ),
        A(
            "According to the UN, 4,000 homes, 35 schools and 12 clinics were destroyed.",
            (("4,000", UN), ("35", UN), ("12", UN)),
        ),
        A(
            "Police said they had seized 3 tonnes of cocaine, 40 firearms and $2.5m in cash.",
            (("3 tonnes", "Police"), ("40", "Police"), ("$2.5m", "Police")),
        ),
    ],
    "not claims": [
        A("Maria Lopez, 41, said she had lived in the town for 20 years.", ()),
        A("The ministry said on 4 March that talks would resume in 2025.", ()),
        A("The siege of the city lasted 12 days, the army said.", ()),
        A("The bridge, built in 1987, is one of the oldest in the region, officials said.", ()),
    ],
}

HELDOUT = {
    "X said": [
        A("The interior ministry said 19 officers were wounded in the attack.", (("19", INTERIOR),)),
        A(
            "Hospital director Lena Markovic said nearly 90 patients had been moved.",
            (("nearly 90", "Lena Markovic"),),
        ),
        A("Emergency services said on Sunday that 7 climbers were rescued.", (("7", "Emergency services"),)),
    ],
    "said X": [
        A("About 5,000 people attended the rally, said organisers.", (("About 5,000", "organisers"),)),
        A("Eleven fishermen were still unaccounted for, said the coastguard.", (("Eleven", "coastguard"),)),
        A("Up to 200 shops were looted overnight, said Dana Velk.", (("Up to 200", "Dana Velk"),)),
    ],
    "according to X": [
        A("According to the Red Crescent, 2,300 families need shelter.", (("2,300", "Red Crescent"),)),
        A(
            "Roughly 14,000 hectares burned, according to the forestry service.",
            (("Roughly 14,000 hectares", "forestry service"),),
        ),
        A("Turnout was 61%, according to the electoral commission.", (("61%", "electoral commission"),)),
    ],
    "told the outlet": [
        A(
            "A Western diplomat told Reuters that some 3,000 fighters had crossed the border.",
            (("some 3,000", "Western diplomat"),),
            "Reuters",
        ),
        A("The health ministry told the BBC that 41 doctors had resigned.", (("41", HEALTH),), "BBC"),
        A(
            "Residents told the Guardian that about 70 houses had burned down.",
            (("about 70", "Residents"),),
            "The Guardian",
        ),
    ],
    "says … while …": [
        A(
            "The army says 60 militants were killed, while the militants say they lost 12 fighters.",
            (("60", "army"), ("12", "militants")),
        ),
        A(
            "The WHO says 1,800 cases were confirmed, while 300 are suspected.",
            (("1,800", WHO), ("300", WHO)),
        ),
    ],
    "X's figures show": [
        A("The Red Crescent's figures show 640 people were treated for burns.", (("640", "Red Crescent"),)),
        A("Government data show unemployment rose to 8.4% in June.", (("8.4%", "Government"),)),
    ],
    "officials estimate": [
        A("Analysts estimate the repairs will cost $40m.", (("$40m", "Analysts"),)),
        A(
            "Local officials fear that up to 500 people were buried under the mud.",
            (("up to 500", "Local officials"),),
        ),
        A("The UN estimates that 70% of the city has no running water.", (("70%", UN),)),
    ],
    "passive": [
        A("Another 12 deaths were reported by the WHO on Friday.", (("12", WHO),)),
        A("The number of displaced was estimated at 45,000 by aid groups.", (("45,000", "aid groups"),)),
    ],
    "reported speech across a clause": [
        A(
            "The health ministry said that, despite the new vaccine rollout, 1,400 patients were in "
            "hospital.",
            (("1,400", HEALTH),),
        ),
        A(
            "Dana Velk said on Monday, standing outside the flooded station, that 35 trains had been "
            "cancelled.",
            (("35", "Dana Velk"),),
        ),
    ],
    "previous sentence": [
        A(
            "The Red Crescent published its weekly report on Thursday. It said 780 families had "
            "received tents.",
            (("780", "Red Crescent"),),
        ),
        A(
            "Lena Markovic, the hospital director, held a press conference. She added that 16 nurses "
            "were ill.",
            (("16", "Lena Markovic"),),
        ),
        A(
            "The WHO warned of a new wave. The agency also said 9 countries had reported cases.",
            (("9", WHO),),
        ),
    ],
    "quote then speaker": [
        A('"We expect at least 50 more deaths," the health ministry said.', (("at least 50", HEALTH),)),
        A('"Over 3,000 children are out of school," said Dana Velk.', (("Over 3,000", "Dana Velk"),)),
    ],
    "headlines": [
        A("Floods displace 20,000, UN says\n\nRain is expected to continue.", (("20,000", UN),)),
        A("Police arrest 75 after protests\n\nThe march had been banned.", (("75", "Police"),)),
    ],
    "list after one attribution": [
        A(
            "The WHO said 820 cases, 41 deaths and 300 recoveries had been recorded.",
            (("820", WHO), ("41", WHO), ("300", WHO)),
        ),
        A(
            "Dana Velk said 12 cranes, 6 tugs and 150 dock workers were idle.",
            (("12", "Dana Velk"), ("6", "Dana Velk"), ("150", "Dana Velk")),
        ),
    ],
    "not claims": [
        A("Omar Haddad, 56, a father of three, said he had waited for 8 hours.", ()),
        A("The summit, which opened on 12 June, was the 3rd in two years.", ()),
    ],
}

# The narrator: a figure the article states without attributing it (its outlet is the source).
NARRATOR = "(the outlet)"

# Second batch, by how real news is written. DEV_NEWS may be tuned on; HELDOUT_NEWS was
# written at the same time, before any tuning for it, and is only measured.
DEV_NEWS = {
    "wire style": [
        A(
            "At least 40 people were killed in the blast, police said on condition of anonymity.",
            (("At least 40", "police"),),
        ),
        A(
            "About 600 families have been evacuated, the regional governor's office said in a "
            "statement on Sunday.",
            (("About 600", "regional governor's office"),),
        ),
        A("Nine crew members were missing, the coastguard said late on Friday.", (("Nine", "coastguard"),)),
    ],
    "quote across sentences": [
        A(
            '"The hospital is full," Dana Velk said. "We have 90 patients and only 40 beds."',
            (("90", "Dana Velk"), ("40", "Dana Velk")),
        ),
        A(
            'The health ministry said the outbreak was slowing. "We recorded 35 new cases today."',
            (("35", HEALTH),),
        ),
        A(
            'Dana Velk said the port was closed. "We lost 6 cranes. Another 20 are damaged."',
            (("6", "Dana Velk"), ("20", "Dana Velk")),
        ),
    ],
    "were reported by": [
        A("Some 3,000 cases were reported by the WHO last week.", (("Some 3,000", WHO),)),
        A("Another 15 deaths were confirmed by the health ministry.", (("15", HEALTH),)),
    ],
    "put the toll at": [
        A("The interior ministry put the toll at 31 dead.", (("31", INTERIOR),)),
        A("Rescuers put the number of missing at about 80.", (("about 80", "Rescuers"),)),
    ],
    "parenthetical conversions": [
        A("The UN said the flood covered 1,000 sq km (386 sq miles).", (("1,000 sq km", UN),)),
        A(
            "The lava flow was 3 km (1.9 miles) long, according to the interior ministry.",
            (("3 km", INTERIOR),),
        ),
    ],
    "headline figures": [
        A(
            "Storm cuts power to 80,000 homes, utility says\n\nCrews worked through the night.",
            (("80,000", "utility"),),
        ),
        A("Blast kills 12 – interior ministry\n\nThe cause is not yet known.", (("12", INTERIOR),)),
        A(
            "Clashes injure dozens, displace 3,000 – UN\n\nTalks resume on Monday.",
            (("dozens", UN), ("3,000", UN)),
        ),
    ],
    "narrator": [
        A("Nearly 2,000 people were evacuated overnight.", (("Nearly 2,000", NARRATOR),)),
        A("The fire destroyed 35 homes on the edge of town.", (("35", NARRATOR),)),
    ],
    "ages are not counts": [
        A("Maria Lopez, 41, a nurse, said 25 people were treated.", (("25", "Maria Lopez"),)),
        A("Police said a 34-year-old man was among 6 people arrested.", (("6", "Police"),)),
    ],
}

HELDOUT_NEWS = {
    "wire style": [
        A(
            "Fighting killed at least 23 people in the north, a local official said on Saturday, "
            "speaking on condition of anonymity.",
            (("at least 23", "local official"),),
        ),
        A(
            "Some 1,500 people have fled the area, the U.N. refugee agency said in a statement.",
            (("Some 1,500", "U.N. refugee agency"),),
        ),
        A("Four soldiers were wounded, the military said, without giving details.", (("Four", "military"),)),
    ],
    "quote across sentences": [
        A(
            '"We have counted 212 bodies so far," said Dana Velk. "Another 40 people are missing."',
            (("212", "Dana Velk"), ("40", "Dana Velk")),
        ),
        A(
            'The mayor said the flood was the worst in memory. "At least 300 homes are gone. We need help."',
            (("At least 300", "mayor"),),
        ),
    ],
    "were reported by": [
        A("Thirty new cases were reported by the health ministry on Monday.", (("Thirty", HEALTH),)),
        A("Damage of about $2m was recorded by insurers after the hailstorm.", (("about $2m", "insurers"),)),
    ],
    "put the toll at": [
        A("The Red Crescent put the death toll at 74 on Tuesday.", (("74", "Red Crescent"),)),
        A(
            "Local authorities put the number of homeless at about 9,000.",
            (("about 9,000", "Local authorities"),),
        ),
    ],
    "parenthetical conversions": [
        A(
            "The interior ministry said the fire had burned 5,000 hectares (12,355 acres).",
            (("5,000 hectares", INTERIOR),),
        ),
        A("The ash cloud rose 12 km (7.5 miles) into the sky, the UN said.", (("12 km", UN),)),
    ],
    "headline figures": [
        A(
            "Quake kills 61, injures hundreds – health ministry\n\nRescue teams worked through the night.",
            (("61", HEALTH), ("hundreds", HEALTH)),
        ),
        A("UN says 2 million need food aid\n\nThe agency appealed for funds.", (("2 million", UN),)),
    ],
    "narrator": [
        A("About 400 homes were flooded when the river burst its banks.", (("About 400", NARRATOR),)),
        A("The storm left 12,000 households without power on Sunday.", (("12,000", NARRATOR),)),
    ],
    "ages are not counts": [
        A("Omar Haddad, 62, said 14 fishermen were missing.", (("14", "Omar Haddad"),)),
        A(
            "The victim, a 19-year-old student, was among 7 people killed, police said.",
            (("7", "police"),),
        ),
    ],
}
