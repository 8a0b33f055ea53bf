#!/usr/bin/env python3
"""Deterministic synthetic status reports for benchmarks (a development tool, not a user command).

    python3 scripts/generate_responses.py --count 10000 --seed 7 --out /tmp/responses

writes

    OUT/statusrapport-1/NNNNNN-SP-YYYY-NNN.xml   format 1 (Danish form export), rounds 2021, 2020 …
    OUT/statusreport-2/NNNNNN-SP-YYYY-NNN.xml    format 2 (harmonised and coded), rounds 2022, 2023 …
    OUT/manifest.tsv                             one line per file: path, format, kind, what was done

Each file is 2-12 KB with 1-8 challenges written in Danish, assembled from sentence templates so
that no two descriptions need be alike. About 12 % of the files are incomplete (blank answers,
placeholders such as "TBD" or "ved ikke", a missing conditional answer, a malformed e-mail, an
unplaceable label, no challenges), 2 % are revisions of an earlier report (same project and round,
submitted later), 0.5 % are byte-for-byte copies of an earlier file under another name, and 3 % are
broken the way samples/invalid/ is broken (not well-formed, DOCTYPE, unknown namespace, schema
errors). Every other file validates against schemas/<format>/<format>.xsd.

File i depends only on (seed, i): the first 1,000 files of a 10,000-file run are the 1,000 files of
a 1,000-file run. Only the standard library is used.
"""

import argparse
import os
import random
import sys
import uuid
from xml.sax.saxutils import escape

FORMAT1 = "statusrapport-1"
FORMAT2 = "statusreport-2"

# ---------------------------------------------------------------------------------------------
# Word lists. Made up, shaped like the samples, but not copied from them.

MUNICIPALITIES = [
    ("København", 101), ("Frederiksberg", 147), ("Ballerup", 151), ("Brøndby", 153), ("Gentofte", 157),
    ("Gladsaxe", 159), ("Glostrup", 161), ("Herlev", 163), ("Albertslund", 165), ("Hvidovre", 167),
    ("Lyngby-Taarbæk", 173), ("Rødovre", 175), ("Ishøj", 183), ("Tårnby", 185), ("Furesø", 190),
    ("Allerød", 201), ("Fredensborg", 210), ("Helsingør", 217), ("Hillerød", 219), ("Hørsholm", 223),
    ("Rudersdal", 230), ("Egedal", 240), ("Frederikssund", 250), ("Greve", 253), ("Køge", 259),
    ("Halsnæs", 260), ("Roskilde", 265), ("Solrød", 269), ("Gribskov", 270), ("Odsherred", 306),
    ("Holbæk", 316), ("Faxe", 320), ("Kalundborg", 326), ("Ringsted", 329), ("Slagelse", 330),
    ("Stevns", 336), ("Sorø", 340), ("Lejre", 350), ("Lolland", 360), ("Næstved", 370),
    ("Guldborgsund", 376), ("Vordingborg", 390), ("Bornholms Regionskommune", 400), ("Middelfart", 410),
    ("Assens", 420), ("Faaborg-Midtfyn", 430), ("Kerteminde", 440), ("Nyborg", 450), ("Odense", 461),
    ("Svendborg", 479), ("Nordfyns", 480), ("Langeland", 482), ("Ærø", 492), ("Haderslev", 510),
    ("Billund", 530), ("Sønderborg", 540), ("Tønder", 550), ("Esbjerg", 561), ("Fanø", 563),
    ("Varde", 573), ("Vejen", 575), ("Aabenraa", 580), ("Fredericia", 607), ("Horsens", 615),
    ("Kolding", 621), ("Vejle", 630), ("Herning", 657), ("Holstebro", 661), ("Lemvig", 665),
    ("Struer", 671), ("Syddjurs", 706), ("Norddjurs", 707), ("Favrskov", 710), ("Odder", 727),
    ("Randers", 730), ("Silkeborg", 740), ("Samsø", 741), ("Skanderborg", 746), ("Aarhus", 751),
    ("Ikast-Brande", 756), ("Ringkøbing-Skjern", 760), ("Hedensted", 766), ("Morsø", 773),
    ("Skive", 779), ("Thisted", 787), ("Viborg", 791), ("Brønderslev", 810), ("Frederikshavn", 813),
    ("Vesthimmerlands", 820), ("Læsø", 825), ("Rebild", 840), ("Mariagerfjord", 846),
    ("Jammerbugt", 849), ("Aalborg", 851), ("Hjørring", 860),
]
REGIONS = [("Region Nordjylland", 1081), ("Region Midtjylland", 1082), ("Region Syddanmark", 1083),
           ("Region Hovedstaden", 1084), ("Region Sjælland", 1085)]

FIRST_NAMES = [
    "Anne", "Mette", "Hanne", "Susanne", "Lene", "Marianne", "Camilla", "Louise", "Charlotte", "Pia",
    "Maria", "Tina", "Helle", "Rikke", "Signe", "Ida", "Freja", "Katrine", "Sofie", "Birgitte",
    "Jens", "Peter", "Lars", "Søren", "Henrik", "Thomas", "Niels", "Rasmus", "Martin", "Jesper",
    "Anders", "Morten", "Mikkel", "Kasper", "Jakob", "Christian", "Frederik", "Mads", "Bo", "Torben",
    "Åse", "Bjørn", "Sørine", "Jørgen", "Øystein", "Aksel", "Malene", "Gry", "Nanna", "Troels",
]
MIDDLE_NAMES = ["", "", "", "Kjær", "Holm", "Dahl", "Bech", "Lund", "Krogh", "Brandt", "Skov", "Bak", "Vestergaard",
                "Høj", "Mølgaard", "Damgaard", "Nørgaard", "Friis"]
SURNAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Lauridsen", "Østergaard",
    "Søndergaard", "Kjeldsen", "Bang", "Lindholm", "Thygesen", "Iversen", "Kirkegaard", "Svendsen",
]

TITLE_TOOLS = ["AI-understøttet", "Maskinlæringsbaseret", "Automatisk", "Datadrevet", "Sprogmodelbaseret",
               "Algoritmisk", "Intelligent", "Billedbaseret"]
TITLE_TASKS = {
    "health": ["vurdering af røntgenbilleder", "tidlig opsporing af sepsis", "prioritering af henvisninger",
               "forudsigelse af genindlæggelser", "screening af øjenbaggrundsbilleder", "planlægning af operationsstuer",
               "opsporing af tryksår i hjemmeplejen", "triage i akutmodtagelsen"],
    "climate-energy": ["styring af varmepumper i kommunale bygninger", "forudsigelse af vandspild i ledningsnettet",
                       "optimering af affaldsindsamling", "registrering af fejlsorteret affald",
                       "prognoser for energiforbrug i skoler", "overvågning af regnvandsbassiner"],
    "employment": ["match mellem ledige og virksomheder", "visitation af sygemeldte borgere",
                   "forudsigelse af langtidsledighed", "sortering af jobopslag"],
    "administration": ["sortering af indgående post", "journalisering af e-mails", "besvarelse af borgerhenvendelser",
                       "kontrol af byggesagsansøgninger", "behandling af fakturaer", "opsummering af aktindsigtssager"],
    "social": ["opsporing af bekymrende underretninger", "visitation til hjemmepleje",
               "prioritering af underretninger om børn", "støtte til sagsbehandling på handicapområdet"],
    "education": ["tilpasset læsetræning i indskolingen", "opsporing af elever i risiko for fravær",
                  "tale-til-tekst i specialundervisningen", "feedback på danskstile"],
    "other": ["vedligehold af kommunale veje", "registrering af huller i vejbelægningen", "planlægning af snerydning",
              "tilsyn med legepladser"],
}
TITLE_PLACES = ["", "", " i hjemmeplejen", " i Borgerservice", " på sygehusene", " i jobcentret", " i forvaltningen",
                " på tværs af kommunerne", " i regionen", " i Teknik og Miljø", " i Børn og Unge"]

DOMAIN_LABELS = {  # format 1 writes the domain as free text
    "health": ["Sundhed", "Sundhed og ældre", "Sundhedsområdet", "Ældreområdet"],
    "climate-energy": ["Klima og energi", "Klima og miljø", "Klima", "Forsyning"],
    "employment": ["Beskæftigelse", "Beskæftigelsesområdet", "Job og uddannelse"],
    "administration": ["Administration", "Borgerservice", "Intern administration"],
    "social": ["Socialområdet", "Det sociale område", "Børn og familie"],
    "education": ["Uddannelse", "Undervisning", "Skoleområdet", "Børn og unge"],
    "other": ["Teknik og miljø", "Vej og park", "Andet"],
}
PHASES = ["preparation", "development", "pilot", "implementation", "operation", "completed", "stopped"]
PHASE_LABELS = {
    "preparation": ["Idéfase", "Forberedelse", "Forundersøgelse"],
    "development": ["Udvikling", "Udviklingsfase", "Modeludvikling"],
    "pilot": ["Afprøvning", "Pilotdrift", "Test", "Pilot"],
    "implementation": ["Implementering", "Udrulning"],
    "operation": ["I drift", "Drift"],
    "completed": ["Afsluttet", "Færdig"],
    "stopped": ["Stoppet", "Lukket ned"],
}
STATUSES = ["on-track", "on-track", "on-track", "delayed", "delayed", "paused", "stopped"]

CATEGORIES = ["data", "infrastructure", "legal", "competencies", "operations", "project-management",
              "vendor-management", "organisation", "ethics", "finance"]
CATEGORY_LABELS = {  # format 1 writes the category as a free label
    "data": ["Adgang til data", "Dataadgang", "Datakvalitet", "Data", "Data & analyse", "Manglende data", "Datagrundlag"],
    "infrastructure": ["Infrastruktur", "IT-infrastruktur", "Manglende regnekraft", "Integration", "Systemintegration"],
    "legal": ["GDPR", "Hjemmel", "Jura", "Juridiske forhold", "Databeskyttelse", "Lovgivning"],
    "competencies": ["Kompetencer", "Mangel på data scientists", "Rekruttering", "Kompetenceudvikling"],
    "operations": ["Overgang til drift", "Driftsoverdragelse", "Drift", "Driftsorganisering"],
    "project-management": ["Projektledelse", "Tidsplan", "Projektstyring"],
    "vendor-management": ["Leverandørstyring", "Vendor lock-in", "Leverandoerstyring", "Leverandør", "Kontrakt"],
    "organisation": ["Forankring", "Ledelsesopbakning", "Organisering", "Forandringsledelse", "Medarbejderinddragelse"],
    "ethics": ["Etik", "Gennemsigtighed", "Bias", "Borgernes tillid"],
    "finance": ["Økonomi", "Finansiering", "Budget"],
}
UNPLACEABLE_LABELS = ["Diverse", "Corona", "Covid-19", "Andre forhold", "Div.", "Misc", "Vejret", "Strejke"]

# Sentence templates: {a|b|c} picks one alternative, nested picks allowed.
DESCRIPTIONS = {
    "data": [
        "Det tog {over tre|næsten fem|mere end seks|omkring fire} måneder at få udleveret {historiske journaldata|sagsdata fra ESDH-systemet|data fra omsorgssystemet|målerdata fra forsyningen|billeder fra PACS-arkivet}, fordi {udtrækket skulle godkendes af den dataansvarlige|leverandøren af fagsystemet ikke kunne levere et udtræk|der manglede en databehandleraftale|ingen vidste, hvem der ejede dataene}.",
        "{En stor del af|Omkring en tredjedel af|Flere end halvdelen af} {journalnotaterne|sagerne|registreringerne|målingerne} er {skrevet som fritekst|mangelfuldt udfyldt|registreret forskelligt i distrikterne|ufuldstændige før 2018}, så {modellen|algoritmen|løsningen} lærer af {uensartede|støjfyldte|skæve} data.",
        "Vi har {for få|kun ganske få|næsten ingen} eksempler på {de sjældne tilfælde|alvorlige hændelser|fejlsorteringer|de sager, hvor der skete fejl}, og {modellen|klassifikationen} rammer derfor {skævt|for ofte forkert|for sjældent rigtigt} på netop dem.",
        "Data fra {de fire distrikter|de to sygehuse|de gamle og nye systemer|skolerne} {bruger forskellige koder|har forskellige formater|kan ikke kobles uden CPR-nummer|er ikke opdateret samtidig}, og {sammenkoblingen|rensningen|harmoniseringen} har taget {langt længere tid end planlagt|det meste af efteråret|to medarbejderes tid i tre måneder}.",
        "{Annoteringen|Mærkningen|Gennemgangen} af {træningsdata|eksemplerne|billederne|dokumenterne} kræver {fagpersoner|sygeplejersker|sagsbehandlere|erfarne medarbejdere}, som {ikke kan undværes i driften|har haft travlt med andre opgaver|kun kan afsætte få timer om ugen}.",
    ],
    "infrastructure": [
        "{Løsningen|Modellen|Assistenten} skal {vise sit forslag|levere sit svar|integreres} direkte i {fagsystemet|sagsbehandlernes skærmbillede|journalen|arbejdsgangen}, men {integrationen|snitfladen|API'et} {var ikke på plads|er endnu ikke udviklet|mangler hos leverandøren}.",
        "{Regionens|Kommunens} {servere|driftsmiljø|datacenter} har {ikke GPU'er|for lidt regnekraft|ikke plads} til at {træne modellen|køre modellen i realtid|genberegne hver nat}, og {cloud|en ekstern platform} kræver {en ny risikovurdering|godkendelse fra informationssikkerhed|en ny aftale}.",
        "{Testmiljøet|Udviklingsmiljøet} {svarer ikke til produktion|blev først klar i maj|mangler adgang til rigtige data}, så {fejl|forskelle} i {opsætningen|dataformaterne} først blev fundet {sent|under pilotdriften|efter idriftsættelsen}.",
        "Den gamle {integrationsplatform|databrønd|fildeling} kan ikke håndtere {de nye datamængder|opdateringer hvert kvarter|de store billedfiler}, og {udskiftningen|opgraderingen} er {skubbet|udsat} til {næste år|efter valget|2024}.",
    ],
    "legal": [
        "Der var usikkerhed om, {hvorvidt|om} {leverandøren|vi} måtte bruge {oplysningerne|billederne|sagsdata} til at {videretræne modellen|træne en generel model|udvikle nye funktioner}, og det krævede {en ny databehandleraftale|en juridisk vurdering|en konsekvensanalyse}.",
        "{Hjemmelen|Det retlige grundlag} for at {bruge|samkøre|profilere på} {helbredsoplysninger|oplysninger om borgernes økonomi|data fra flere forvaltninger} er {uklar|omdiskuteret|ikke afklaret}, og {Datatilsynet|Digitaliseringsstyrelsen|vores jurister} {har endnu ikke svaret|ønsker flere oplysninger|anbefaler en lovændring}.",
        "Vi skal {kunne forklare|dokumentere|redegøre for}, hvordan {modellen|algoritmen} {når frem til sit forslag|påvirker afgørelsen|vægter oplysningerne}, fordi {afgørelsen|beslutningen} er en forvaltningsafgørelse efter {serviceloven|forvaltningsloven|sundhedsloven}.",
        "{Konsekvensanalysen|DPIA'en|Risikovurderingen} efter databeskyttelsesforordningen {tog længere tid end ventet|skulle laves om|blev først godkendt i oktober}, fordi {behandlingen|formålet} {ændrede sig undervejs|ikke var præcist beskrevet}.",
    ],
    "competencies": [
        "{Vi har ikke|Forvaltningen har ikke|Afdelingen mangler} {egne data scientists|medarbejdere, der kan vedligeholde modellen|kompetencer til at vurdere modellens kvalitet}, og {det er svært at rekruttere|lønniveauet kan ikke konkurrere med det private|den eneste medarbejder er stoppet}.",
        "{Sagsbehandlerne|Sygeplejerskerne|Lærerne|Medarbejderne} har ikke tidligere arbejdet med {AI-værktøjer|beslutningsstøtte|algoritmer} og var {usikre på|i tvivl om}, hvordan de skulle forholde sig til et forslag, de ikke selv var enige i.",
        "{Projektgruppen|IT-afdelingen|Driften} kan ikke selv {gentræne modellen|overvåge modellens kvalitet|rette fejl i datapipelinen}, så vi er afhængige af {leverandøren|konsulenter|en enkelt nøgleperson}.",
    ],
    "operations": [
        "{Løsningen|Modellen} skal overgå fra {projektorganisationen|leverandøren|innovationsenheden} til {den almindelige drift|IT-driften|fagområdet}, men det er ikke {besluttet|aftalt|afklaret}, hvem der {ejer modellen|står for gentræning|følger op på kvaliteten}.",
        "{Assistenten|Løsningen} skal køre {døgnet rundt|alle ugens dage|i spidsbelastninger}, og driften skal leve op til {samme krav til oppetid som fagsystemet|en servicemålsætning på 99,5 procent|krav om svar inden for få sekunder}.",
        "Der er {ingen|ikke afsat} {driftsbudget|midler|ressourcer} til {overvågning af modellen|gentræning|support} efter {projektperioden|2023|pilotdriften}.",
    ],
    "project-management": [
        "{Tidsplanen|Projektplanen} har skredet {tre|fire|seks} måneder, fordi {udbuddet|dataadgangen|godkendelserne|rekrutteringen} tog længere tid end {forventet|planlagt}.",
        "{Styregruppen|Projektejeren|Projektlederen} er {skiftet to gange|ikke længere den samme|sygemeldt}, og {beslutninger|prioriteringer} er blevet {udskudt|truffet sent}.",
    ],
    "vendor-management": [
        "{Leverandøren|Konsulenthuset} {ændrede prismodellen|hævede prisen|ændrede licensvilkårene} midt i projektet fra {fast pris|en samlet licens} til {pris pr. behandlet dokument|pris pr. bruger|timepris}.",
        "{Modellen|Løsningen} er bygget på {leverandørens lukkede platform|et proprietært format}, så vi {ikke kan flytte den|er låst til leverandøren|ikke kan se træningsdata}.",
        "{Leverandøren|Underleverandøren} {leverede for sent|kunne ikke dokumentere modellens kvalitet|overholdt ikke sikkerhedskravene}, og kontrakten {indeholder ikke|mangler} {bod|krav til dokumentation|exit-klausul}.",
    ],
    "organisation": [
        "{Medarbejderne|Sagsbehandlerne|Terapeuterne} bruger {forslagene|risikoscoren|resultaterne} forskelligt i {de fire distrikter|afdelingerne|teamene}, og der er ikke {fælles retningslinjer|en fælles praksis|ledelsesmæssig opfølgning}.",
        "{Ledelsen|Direktionen|Fagchefen} har {andre prioriteter|skiftet fokus|ikke taget ejerskab}, og projektet {mangler opbakning|er ikke forankret|hænger på få ildsjæle}.",
        "{Tillidsrepræsentanterne|Medarbejderne} er {bekymrede for|usikre på}, om {løsningen|modellen} skal {erstatte|overvåge|måle} {deres arbejde|deres faglige vurdering}.",
    ],
    "ethics": [
        "Vi skulle tage stilling til, om {borgerne|patienterne|forældrene} skal informeres om, at {en algoritme|en model|AI} har {set på|vurderet|prioriteret} {deres sag|deres billede|deres henvendelse}.",
        "{Modellen|Algoritmen} {rammer skævt|giver andre resultater} for {borgere med anden etnisk baggrund|ældre borgere|borgere i yderområderne}, fordi de er {underrepræsenteret|dårligt repræsenteret} i {træningsdata|de historiske sager}.",
        "Nogle {borgere|pårørende} har {spurgt|klaget over}, {hvorfor de pludselig får tilbudt|hvordan vi er kommet frem til} {en indsats|et tilbud|en henvendelse}.",
    ],
    "finance": [
        "{Bevillingen|Puljemidlerne|Budgettet} dækker kun {udviklingen|projektperioden|det første år}, og {driften|licenserne|gentræningen} er ikke finansieret {efter 2023|bagefter|i budgettet}.",
        "{Energipriserne|Lønstigningerne|Prisen på regnekraft} har gjort {projektet|driften} {dyrere end budgetteret|dyrere end forventet}, og vi har måttet {skære i|udskyde} {afprøvningen|udrulningen}.",
    ],
}
MITIGATIONS = {
    "data": ["Vi har fået en fast aftale om {månedlige|kvartalsvise} udtræk og en navngiven kontaktperson.",
             "{Data|Sagerne} er {renset|gennemgået} manuelt, og modellen er gentrænet på {det rensede datasæt|de nye eksempler}.",
             "Vi har {indsamlet|annoteret} {600|1.200|2.500} ekstra eksempler med hjælp fra {fagpersoner|studerende}."],
    "infrastructure": ["{Leverandøren|IT-afdelingen} udvikler {en integration|en snitflade}, som forventes klar i {marts|juni|det nye år}.",
                       "Vi har fået godkendt at bruge {en cloud-platform|et eksternt GPU-miljø} efter en {ny risikovurdering|sikkerhedsvurdering}."],
    "legal": ["{Databehandleraftalen|Aftalen} er genforhandlet, så data kun må bruges til {vores egen model|det aftalte formål}.",
              "{Juridisk afdeling|KL's jurister} har vurderet, at modellen må bruges som {beslutningsstøtte|rådgivning}, så længe {medarbejderen|sagsbehandleren} selv træffer afgørelsen.",
              "Konsekvensanalysen er {gennemført|opdateret} og godkendt af {databeskyttelsesrådgiveren|ledelsen}."],
    "competencies": ["{To|Tre} medarbejdere er {sendt på kursus|oplært af leverandøren} i {kvalitetsmåling|maskinlæring|datahåndtering}.",
                     "Vi har holdt {fælles gennemgange|workshops} af de sager, hvor {modellen|algoritmen} og {medarbejderen|fagpersonen} var uenige."],
    "operations": ["Ejerskabet er afklaret i {styregruppen|direktionen}: {IT|driften} har den tekniske drift, og {fagområdet|forvaltningen} ejer modellen.",
                   "Der er indgået en serviceaftale med leverandøren med {responstid på 30 minutter|fast overvågning}."],
    "project-management": ["Tidsplanen er {lagt om|revideret}, og {styregruppen|projektejeren} følger op {hver måned|hver anden uge}."],
    "vendor-management": ["Aftalen er genforhandlet med et loft over den årlige betaling.",
                          "Vi har {krævet|fået} adgang til {modellens dokumentation|træningsdata} og en exit-plan."],
    "organisation": ["{Ledelsen|Fagchefen} har {udsendt retningslinjer|aftalt en fælles praksis} for brugen af {forslagene|scoren}.",
                     "{Medarbejderne|Tillidsrepræsentanterne} er inddraget i {en følgegruppe|test af løsningen}."],
    "ethics": ["Der hænger information {i venteværelserne|på hjemmesiden}, og det fremgår af {svaret|brevet}, at {AI|en model} har været brugt.",
               "Vi måler {løbende|hvert kvartal} modellens træfsikkerhed for {forskellige grupper|alle aldersgrupper}."],
    "finance": ["{Driften|Licenserne} er {indarbejdet i budgettet|finansieret af forvaltningen} fra {2024|næste år}.",
                "Vi har søgt {ekstra puljemidler|en forlængelse af bevillingen}."],
}
GENERAL_MEASURES = [
    ("early-data-access", "Vi tog {dataadgang|godkendelse af dataudtræk} med i projektplanen fra start{|, men undervurderede, hvor lang tid det tager}."),
    ("anonymisation", "{Træningsdata|Sagsdata} er {pseudonymiseret|anonymiseret} før {træningen|udleveringen til leverandøren}."),
    ("transparency", "{Borgerne|Patienterne} får at vide, at {tilbuddet|vurderingen} bygger på {en risikovurdering|en model}."),
    ("it-project-model", "Projektet følger {statens it-projektmodel|den fællesoffentlige projektmodel} med faste {faseovergange|beslutningspunkter}."),
    ("vendor-governance", "{Månedlige|Faste} leverandørmøder med {fast dagsorden|opfølgning på kvalitet og pris}."),
    ("competence-building", "{Temadag|Kursus} for {medarbejderne|sagsbehandlerne|terapeuterne} om {brug af modellen|AI i faget}."),
    ("other", "{Klinisk følgegruppe|Faglig følgegruppe} med {læger og sygeplejersker|sagsbehandlere og jurister}, som mødes {hver måned|hvert kvartal}."),
    ("other", "{Løbende|Kvartalsvis} måling af {modellens kvalitet|træfsikkerheden} i samarbejde med {fagområdet|driften}."),
]
PADDING = [
    "Det har forsinket {træningen af modellen|afprøvningen|projektet|udrulningen} med {to|tre|flere} måneder.",
    "{Styregruppen|Projektejeren} er orienteret og følger op på {næste møde|sagen løbende}.",
    "Vi forventer at kunne beskrive {de første erfaringer|resultaterne|effekten} i næste statusrapport.",
    "{Problemet|Udfordringen} er {især|særligt} mærkbart i {de mindre distrikter|nattevagterne|sommerperioden|de travle perioder}.",
    "Vi har drøftet {sagen|udfordringen} med {andre signaturprojekter|KL|Digitaliseringsstyrelsen|de andre regioner}, som har {haft samme oplevelse|lignende problemer}.",
    "Det betyder, at {medarbejderne|brugerne} {må|skal} {åbne resultatet i et separat vindue|kontrollere forslagene manuelt|vente på svar}.",
    "Afprøvningen foregår {i to distrikter|på to afdelinger|i tre teams|på fem skoler} med {i alt|omkring} {40|60|120|200} medarbejdere.",
    "{Erfaringerne|Resultaterne} deles med {de øvrige kommuner|regionerne|KL} på {næste netværksmøde|en temadag}.",
    "Vi har {målt|opgjort}, at {løsningen|modellen} {sparer omkring|frigør} {10|15|20|30} procent af tiden på {opgaven|sagsbehandlingen}.",
]
COMMENTS = [
    "Projektet {startede|kom i gang} i {januar|marts|september|oktober}, og vi har endnu ikke {fulde resultater|en endelig evaluering}.",
    "{Afprøvningen|Pilotdriften} er forlænget til {marts|juni|december} {2023|2024}.",
    "Kontaktperson i {fagområdet|forvaltningen} er {udskiftet|ny} fra {1. januar|1. marts}.",
    "Vi deltager gerne i {erfaringsudveksling|netværksmøder} med de andre signaturprojekter.",
]
OPERATIONS_PLANS = [
    "Fra {1. februar|1. april|1. september} {2023|2024} overtager {IT|driften} den tekniske drift, mens {fagområdet|forvaltningen} ejer modellen og står for den {månedlige|kvartalsvise} kvalitetsmåling.",
    "Modellen gentrænes {hvert halve år|én gang om året}, eller når {andelen af fejl|fejlraten} overstiger {3|5|10} procent.",
]
PLACEHOLDERS = ["TBD", "ved ikke", "Udfyldes senere", "-", " - ", "?", "xx", "N/A", " kommer senere ", "Følger", "..."]


def parse_template(template):
    """`a {b|c{d|e}} f` → ["a ", [["b"], ["c", [["d"], ["e"]]]], " f"]: text and lists of alternatives."""
    parts, i = [], 0
    while i < len(template):
        if template[i] != "{":
            j = template.find("{", i)
            j = len(template) if j < 0 else j
            parts.append(template[i:j])
            i = j
            continue
        depth, j, cuts = 1, i + 1, [i]
        while depth:
            if template[j] == "{":
                depth += 1
            elif template[j] == "}":
                depth -= 1
            elif template[j] == "|" and depth == 1:
                cuts.append(j)
            j += 1
        cuts.append(j - 1)
        parts.append([parse_template(template[a + 1:b]) for a, b in zip(cuts, cuts[1:])])
        i = j
    return parts


_PARSED = {}


def fill(template, rng):
    """Expands {a|b|c} choices (nested allowed) with `rng`."""
    parsed = _PARSED.get(template)
    if parsed is None:
        parsed = _PARSED[template] = parse_template(template)
    return expand(parsed, rng)


def expand(parts, rng):
    return "".join(part if isinstance(part, str) else expand(rng.choice(part), rng) for part in parts)


def ascii_mail(text):
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", " ": "."})
    return text.lower().translate(table)


# ---------------------------------------------------------------------------------------------
# Identity of file i: format, project, round, submission time. A function of (seed, i) alone.

def identity(seed, i):
    rng = random.Random(f"{seed}:identity:{i}")
    fmt = FORMAT1 if rng.random() < 0.5 else FORMAT2
    kind = "original"
    original = None
    roll = rng.random()
    if i >= 20 and roll < 0.02:
        kind, original = "revision", rng.randrange(max(0, i - 5000), i)
    elif i >= 20 and roll < 0.025:
        kind, original = "copy", rng.randrange(max(0, i - 5000), i)
    if original is not None:
        base = identity(seed, original)
        base = dict(base, index=i, kind=kind, original=original)
        if kind == "revision":
            base["day_offset"] += rng.randint(1, 10)
            base["second"] = rng.randrange(86400)
        return base
    # Unique (project, round) per original: project from i, round from i // 10,000 and the format.
    year = 2015 + (i // 1000) % 10
    number = i % 1000
    block = i // 10000
    round_ = 2021 - block if fmt == FORMAT1 else 2022 + block
    return {
        "index": i, "kind": kind, "original": None, "format": fmt,
        "project": f"SP-{year}-{number:03d}", "round": round_,
        "day_offset": rng.randrange(50), "second": rng.randrange(86400),
    }


def timestamp(ident):
    # Submissions come in from 1 November of the round year, Danish winter time.
    import datetime
    start = datetime.datetime(ident["round"], 11, 1)
    moment = start + datetime.timedelta(days=ident["day_offset"], seconds=ident["second"])
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+01:00"


# ---------------------------------------------------------------------------------------------
# The response itself.

def project_facts(seed, project):
    """What stays the same about a project whatever the round: title, authority, lead."""
    rng = random.Random(f"{seed}:project:{project}")
    domain = rng.choice(list(TITLE_TASKS))
    if rng.random() < 0.25:
        authority, code = rng.choice(REGIONS)
        authority_type = "region"
        mail_domain = {1081: "rn.dk", 1082: "rm.dk", 1083: "rsyd.dk", 1084: "regionh.dk", 1085: "regionsjaelland.dk"}[code]
    else:
        name, code = rng.choice(MUNICIPALITIES)
        authority = name if name.endswith("kommune") else f"{name} Kommune"
        authority_type = "municipality"
        mail_domain = ascii_mail(name.split()[0]).replace(".", "") + ".dk"
    first, middle, last = rng.choice(FIRST_NAMES), rng.choice(MIDDLE_NAMES), rng.choice(SURNAMES)
    lead = " ".join(part for part in (first, middle, last) if part)
    if rng.random() < 0.5:
        local = ascii_mail(lead)
    else:
        local = (ascii_mail(first)[:2] + ascii_mail(middle or last)[:1] + ascii_mail(last)[:1]).replace(".", "")
    title = f"{rng.choice(TITLE_TOOLS)} {rng.choice(TITLE_TASKS[domain])}{rng.choice(TITLE_PLACES)}"
    return {"domain": domain, "authority": authority, "authority_type": authority_type, "code": code,
            "lead": lead, "email": f"{local}@{mail_domain}", "title": title}


def build(seed, ident):
    """The content of one response as plain values, before any gap or breakage."""
    rng = random.Random(f"{seed}:content:{ident['index']}")
    facts = project_facts(seed, ident["project"])
    phase = rng.choice(PHASES)
    n = rng.choices(range(1, 9), weights=[8, 12, 16, 18, 16, 12, 10, 8])[0]
    challenges = []
    for position in range(n):
        category = rng.choice(CATEGORIES)
        resolved = rng.choice(["yes", "no", "partly"])
        challenges.append({
            "category": category,
            "label": rng.choice(CATEGORY_LABELS[category]),
            "other_label": None,
            "description": [fill(rng.choice(DESCRIPTIONS[category]), rng)],
            "severity": rng.randint(1, 5),
            "resolved": resolved,
            "mitigation": [fill(rng.choice(MITIGATIONS[category]), rng)] if resolved != "no" or rng.random() < 0.3 else [],
        })
    # Now and then a challenge the lead files under "other" with a label of their own.
    if rng.random() < 0.08:
        pick = rng.choice(challenges)
        pick["category"], pick["label"] = "other", "Andet"
        pick["other_label"] = rng.choice(["Rekruttering af vikarer", "Samarbejde med forsyningen", "Energikrisen",
                                          "Ombygning af lokaler", "Kommunesammenlægning"])
    measures = [(code, fill(text, rng)) for code, text in rng.sample(GENERAL_MEASURES, rng.randint(0, 4))]
    return {
        "ident": ident, "facts": facts, "phase": phase, "phase_label": rng.choice(PHASE_LABELS[phase]),
        "domain_label": rng.choice(DOMAIN_LABELS[facts["domain"]]),
        "status": rng.choice(STATUSES), "challenges": challenges, "no_challenges": False, "measures": measures,
        "comments": [fill(rng.choice(COMMENTS), rng)] if rng.random() < 0.6 else [],
        "operations_plan": [fill(t, rng) for t in OPERATIONS_PLANS] if phase in ("implementation", "operation") or rng.random() < 0.2 else [],
        "state_model": rng.choice(["true", "false", "false"]),
        "submission_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "blank": set(), "overrides": {}, "omit": set(),
    }


def grow(response, target, rng):
    """Adds sentences to free-text answers until the file is about `target` bytes."""
    texts = [c["description"] for c in response["challenges"]] + [c["mitigation"] for c in response["challenges"] if c["mitigation"]]
    if not response["comments"] and not texts:
        response["comments"] = [fill(rng.choice(COMMENTS), rng)]
    texts += [response["comments"]] if response["comments"] else []
    size = len(render(response).encode())
    while size < target and texts:
        text = rng.choice(texts)
        sentence = fill(rng.choice(PADDING), rng)
        extra = len(escape(" " + sentence).encode())
        if size + extra > 12000:
            break
        text.append(sentence)
        size += extra


# Gaps that make a valid file incomplete. Each returns a short note for the manifest.
def gap_blank_title(r, rng):
    r["blank"].add("title"); return "blank title"

def gap_blank_domain(r, rng):
    r["blank"].add("domain"); return "blank domain"

def gap_placeholder_phase(r, rng):
    r["overrides"]["phase"] = rng.choice(PLACEHOLDERS); return "placeholder phase"

def gap_placeholder_mitigation(r, rng):
    c = rng.choice(r["challenges"]); c["resolved"] = rng.choice(["yes", "partly"])
    c["mitigation"] = [rng.choice(PLACEHOLDERS)]; return "placeholder in a required mitigation"

def gap_missing_conditional(r, rng):
    c = rng.choice(r["challenges"]); c["resolved"] = "yes"; c["mitigation"] = []
    return "resolved yes without a mitigation"

def gap_placeholder_description(r, rng):
    rng.choice(r["challenges"])["description"] = [rng.choice(PLACEHOLDERS)]; return "placeholder description"

def gap_bad_email(r, rng):
    r["overrides"]["email"] = r["facts"]["email"].replace("@", rng.choice(["", "@@", " @"])) if rng.random() < 0.5 \
        else r["facts"]["email"].rsplit(".", 1)[0]
    return "malformed e-mail"

def gap_missing_severity(r, rng):
    rng.choice(r["challenges"])["severity"] = None; return "missing severity"

def gap_unplaceable_label(r, rng):
    c = rng.choice(r["challenges"]); c["label"] = rng.choice(UNPLACEABLE_LABELS); c["category"] = None
    c["other_label"] = c["label"]; return "label the taxonomy cannot place"

def gap_no_challenges(r, rng):
    r["challenges"] = []; return "no challenges reported"

def gap_missing_operations_plan(r, rng):
    r["phase"] = rng.choice(["implementation", "operation"]); r["phase_label"] = rng.choice(PHASE_LABELS[r["phase"]])
    r["operations_plan"] = []; return "phase needs an operations plan, none given"

GAPS = [gap_blank_title, gap_blank_domain, gap_placeholder_phase, gap_placeholder_mitigation, gap_missing_conditional,
        gap_placeholder_description, gap_bad_email, gap_missing_severity, gap_unplaceable_label, gap_no_challenges,
        gap_missing_operations_plan]


# ---------------------------------------------------------------------------------------------
# Rendering.

SEVERITY2 = {1: "low", 2: "low", 3: "medium", 4: "high", 5: "high"}
RESOLVED1 = {"yes": "ja", "no": "nej", "partly": "delvist"}


def element(indent, name, text, attrs=""):
    if text is None:
        return []
    if text == "":
        return [f"{indent}<{name}{attrs}/>"]
    return [f"{indent}<{name}{attrs}>{escape(text)}</{name}>"]


def render(r):
    return render1(r) if r["ident"]["format"] == FORMAT1 else render2(r)


def render1(r):
    f, ident, o = r["facts"], r["ident"], r["overrides"]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0">',
             f"  <Rapportaar>{ident['round']}</Rapportaar>",
             f"  <Indsendt>{timestamp(ident)}</Indsendt>",
             "  <Projekt>",
             f"    <ProjektID>{ident['project']}</ProjektID>"]
    lines += element("    ", "Titel", "" if "title" in r["blank"] else f["title"])
    lines += ["    <Myndighed>", f"      <Navn>{escape(f['authority'])}</Navn>",
              f"      <Type>{'region' if f['authority_type'] == 'region' else 'kommune'}</Type>", "    </Myndighed>"]
    lines += element("    ", "Omraade", "" if "domain" in r["blank"] else r["domain_label"])
    lines += element("    ", "Fase", o.get("phase", r["phase_label"]))
    lines += ["  </Projekt>", "  <Projektleder>", f"    <Navn>{escape(f['lead'])}</Navn>",
              f"    <Email>{escape(o.get('email', f['email']))}</Email>", "  </Projektleder>"]
    if r["challenges"]:
        lines.append("  <Udfordringer>")
        for c in r["challenges"]:
            lines.append("    <Udfordring>")
            lines += element("      ", "Kategori", c["label"])
            lines += element("      ", "Beskrivelse", " ".join(c["description"]))
            if c["severity"] is not None:
                lines.append(f"      <Alvorlighed>{c['severity']}</Alvorlighed>")
            lines.append(f"      <Loest>{RESOLVED1[c['resolved']]}</Loest>")
            if c["mitigation"]:
                lines += element("      ", "Tiltag", " ".join(c["mitigation"]))
            lines.append("    </Udfordring>")
        lines.append("  </Udfordringer>")
    if r["measures"]:
        lines.append("  <GenerelleTiltag>")
        for _, text in r["measures"]:
            lines += element("    ", "Tiltag", text)
        lines.append("  </GenerelleTiltag>")
    notes = r["comments"] + r["operations_plan"]
    if notes:
        lines += element("  ", "Bemaerkninger", " ".join(notes))
    lines.append("</Statusrapport>")
    return "\n".join(lines) + "\n"


def render2(r):
    f, ident, o = r["facts"], r["ident"], r["overrides"]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<StatusReport xmlns="urn:signaturprojekter:statusreport:2" version="2.0" submissionId="{r["submission_id"]}">',
             f"  <Round>{ident['round']}</Round>",
             f"  <SubmittedAt>{timestamp(ident)}</SubmittedAt>",
             f'  <Project id="{ident["project"]}">']
    lines += element("    ", "Title", "" if "title" in r["blank"] else f["title"])
    lines.append(f'    <Authority type="{f["authority_type"]}" code="{f["code"]}">{escape(f["authority"])}</Authority>')
    lines += element("    ", "Domain", "" if "domain" in r["blank"] else f["domain"])
    # Format 2's Phase is an enumeration: a placeholder there would be invalid, so it is left blank.
    lines += element("    ", "Phase", "" if "phase" in o else r["phase"])
    lines += element("    ", "Status", r["status"])
    lines += ["  </Project>", "  <ProjectLead>", f"    <Name>{escape(f['lead'])}</Name>",
              f"    <Email>{escape(o.get('email', f['email']))}</Email>", "  </ProjectLead>"]
    lines.append("  <Challenges>")
    if not r["challenges"]:
        lines.append("    <NoChallenges/>" if r["no_challenges"] else "")
    for c in r["challenges"]:
        attrs = ""
        if c["category"] is not None:
            attrs += f' category="{c["category"]}"'
        if c["severity"] is not None:
            attrs += f' severity="{SEVERITY2[c["severity"]]}"'
        attrs += f' resolved="{c["resolved"]}"'
        lines.append(f"    <Challenge{attrs}>")
        lines += element("      ", "OtherCategory", c["other_label"])
        lines += element("      ", "Description", " ".join(c["description"]))
        if c["mitigation"]:
            lines += element("      ", "Mitigation", " ".join(c["mitigation"]))
        lines.append("    </Challenge>")
    lines.append("  </Challenges>")
    if r["measures"]:
        lines.append("  <Mitigations>")
        for code, text in r["measures"]:
            lines += element("    ", "Mitigation", text, f' code="{code}"')
        lines.append("  </Mitigations>")
    if r["operations_plan"]:
        lines += element("  ", "OperationsPlan", " ".join(r["operations_plan"]))
    lines.append(f"  <UsesStateITProjectModel>{r['state_model']}</UsesStateITProjectModel>")
    if r["comments"]:
        lines += element("  ", "Comments", " ".join(r["comments"]))
    lines.append("</StatusReport>")
    return "\n".join(line for line in lines if line) + "\n"


# ---------------------------------------------------------------------------------------------
# Breakage, as in samples/invalid: applied to the rendered text. Each returns (bytes, note) or None.

def break_unclosed(text, fmt, rng):
    tag = "Tiltag" if fmt == FORMAT1 else "Mitigation"
    at = text.find(f"</{tag}>")
    if at < 0:
        return None
    return (text[:at] + text[at + len(tag) + 3:]).encode(), f"</{tag}> left out"

def break_mismatched(text, fmt, rng):
    old, new = ("</Navn>", "</Name>") if fmt == FORMAT1 else ("</Name>", "</Navn>")
    return text.replace(old, new, 1).encode(), f"mismatched end tag {new}"

def break_ampersand(text, fmt, rng):
    tag = "<Beskrivelse>" if fmt == FORMAT1 else "<Description>"
    at = text.find(tag)
    if at < 0:
        return None
    return (text[:at + len(tag)] + "Data & analyse: " + text[at + len(tag):]).encode(), "bare &"

def break_latin1(text, fmt, rng):
    if all(ord(ch) < 128 for ch in text):
        return None
    return text.encode("latin-1", errors="replace"), "ISO-8859-1 bytes, UTF-8 declared"

def break_doctype(text, fmt, rng):
    root = "Statusrapport" if fmt == FORMAT1 else "StatusReport"
    head, rest = text.split("\n", 1)
    import re
    entity = f'<!DOCTYPE {root} [<!ENTITY myndighed "Region Sjælland">]>'
    # Used in the authority's name, as in samples/invalid/05: xmllint then fails with an internal error.
    pattern = r"<Navn>[^<]*</Navn>" if fmt == FORMAT1 else r"(<Authority[^>]*>)[^<]*</Authority>"
    replacement = "<Navn>&myndighed;</Navn>" if fmt == FORMAT1 else r"\1&myndighed;</Authority>"
    rest = re.sub(pattern, replacement, rest, 1)
    return f"{head}\n{entity}\n{rest}".encode(), "DOCTYPE with an internal entity, used"

def break_namespace(text, fmt, rng):
    ns = "urn:signaturprojekter:statusrapport:1" if fmt == FORMAT1 else "urn:signaturprojekter:statusreport:2"
    return text.replace(ns, ns[:-1] + "3", 1).encode(), "unknown namespace"

def break_project_id(text, fmt, rng):
    import re
    if fmt == FORMAT1:
        return re.sub(r"<ProjektID>SP-(\d\d)\d\d-(\d+)</ProjektID>", r"<ProjektID>SP-\1-\2</ProjektID>", text, 1).encode(), "project id pattern"
    return re.sub(r'<Project id="SP-(\d\d)\d\d-', r'<Project id="SP-\1-', text, 1).encode(), "project id pattern"

def break_value(text, fmt, rng):
    if fmt == FORMAT1:
        import re
        new, count = re.subn(r"<Alvorlighed>\d</Alvorlighed>", rng.choice(["<Alvorlighed>høj</Alvorlighed>", "<Alvorlighed>7</Alvorlighed>"]), text, 1)
        if count == 0:
            new, count = re.subn(r"<Loest>\w+</Loest>", "<Loest>måske</Loest>", text, 1)
        return (new.encode(), "value outside its type") if count else None
    new = text.replace('severity="high"', 'severity="critical"', 1)
    if new == text:
        new = text.replace('resolved="no"', 'resolved="nej"', 1)
    return (new.encode(), "value outside its enumeration") if new != text else None

def break_date(text, fmt, rng):
    import re
    tag = "Indsendt" if fmt == FORMAT1 else "SubmittedAt"
    return re.sub(rf"<{tag}>(\d{{4}})-(\d\d)-(\d\d)T[^<]*</{tag}>", rf"<{tag}>\3-\2-\1</{tag}>", text, 1).encode(), "Danish date format"

def break_unknown_element(text, fmt, rng):
    anchor = "</Projekt>" if fmt == FORMAT1 else "</Project>"
    return text.replace(anchor, "  <Budget>1.250.000 kr.</Budget>\n  " + anchor, 1).encode(), "unknown element <Budget>"

def break_submission_id(text, fmt, rng):
    if fmt == FORMAT1:
        return None
    import re
    return re.sub(r'submissionId="([^"]+)"', lambda m: 'submissionId="{' + m.group(1).upper() + '}"', text, 1).encode(), "submissionId in braces"

BREAKS = [break_unclosed, break_mismatched, break_ampersand, break_latin1, break_doctype, break_namespace,
          break_project_id, break_value, break_date, break_unknown_element, break_submission_id]


def response_file(seed, i):
    """(format, file name, bytes, kind, note) of file i."""
    ident = identity(seed, i)
    if ident["kind"] == "copy":
        fmt, _, data, _, _ = response_file(seed, ident["original"])
        return fmt, f"{i:06d}-{ident['project']}.xml", data, "copy", f"same bytes as file {ident['original']:06d}"
    rng = random.Random(f"{seed}:shape:{i}")
    response = build(seed, ident)
    roll = rng.random()
    kind, note = ident["kind"], ""
    if ident["kind"] == "revision":
        note = f"revises file {ident['original']:06d}"
    if roll < 0.12:
        gaps = rng.sample(GAPS, rng.choice([1, 1, 2, 3]))
        # Removing the challenges comes last, so that a gap in a challenge has one to go in.
        gaps.sort(key=lambda gap: gap is gap_no_challenges)
        notes = [gap(response, rng) for gap in gaps]
        kind, note = "incomplete", "; ".join(filter(None, [note] + notes))
    elif roll < 0.14 and ident["format"] == FORMAT2:
        response["challenges"], response["no_challenges"] = [], True
        note = "; ".join(filter(None, [note, "NoChallenges declared"]))
    # 2-12 KB: most files 3-7 KB, a long tail up to 12 KB.
    target = min(11800, max(2200, int(rng.lognormvariate(8.45, 0.4))))
    grow(response, target, rng)
    text = render(response)
    data = text.encode()
    if rng.random() < 0.03:
        for breaker in rng.sample(BREAKS, len(BREAKS)):
            broken = breaker(text, ident["format"], rng)
            if broken is not None and broken[0] != data:
                data, kind, note = broken[0], "invalid", broken[1]
                break
    return ident["format"], f"{i:06d}-{ident['project']}.xml", data, kind, note


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many files")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same files (default 1)")
    parser.add_argument("--out", required=True, help="output folder (created; existing files are overwritten)")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    for fmt in (FORMAT1, FORMAT2):
        os.makedirs(os.path.join(args.out, fmt), exist_ok=True)
    counts = {}
    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("path\tformat\tkind\tbytes\tnote\n")
        for i in range(args.count):
            fmt, name, data, kind, note = response_file(args.seed, i)
            path = os.path.join(fmt, name)
            with open(os.path.join(args.out, path), "wb") as handle:
                handle.write(data)
            manifest.write(f"{path}\t{fmt}\t{kind}\t{len(data)}\t{note}\n")
            counts[kind] = counts.get(kind, 0) + 1
    summary = ", ".join(f"{counts[k]} {k}" for k in sorted(counts))
    print(f"{args.count} files in {args.out} (seed {args.seed}): {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
