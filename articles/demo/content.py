"""The demo newsroom's people and stories, written for the demo: every name, quote and figure is invented.

Keys that are not model fields: an author's ``colour`` (photo background); an article's
``authors`` (author slugs in byline order), ``regions``, ``topics``, ``publish`` (offset from the
moment the demo loads: negative is the past, positive schedules, ``None`` for a draft) and the
lead image's ``palette`` and ``motif`` (see ``articles.demo.images``); ``lead_image_alt``, ``_caption`` and
``_credit`` go to the library image the loader makes. An article without a
``status`` is published.
"""

from datetime import timedelta

from articles.roles import EDITORS, WRITERS


def ago(days, hours=0):
    return -timedelta(days=days, hours=hours)


AUTHORS = [
    {
        "slug": "margaret-okafor",
        "name": "Margaret Okafor",
        "title": "Senior Editor",
        "bio": (
            "<p>Margaret Okafor edits the newsroom's international and economics coverage. She reported from "
            "Lagos, Nairobi and Brussels for a decade before moving to the desk, and runs our "
            "<em>verification</em> workshop for early-career reporters.</p>"
        ),
        "website": "https://margaret-okafor.example.com/",
        "twitter": "MOkaforEdits",
        "colour": "#8c3b4a",
    },
    {
        "slug": "layla-haddad",
        "name": "Layla Haddad",
        "title": "Middle East Correspondent",
        "bio": (
            "<p>Layla Haddad covers Iraq, Syria and the wider region from Erbil. She writes about water, "
            "displacement and the politics of rebuilding, and spent five years as a radio producer in Beirut "
            "before turning to print.</p>"
        ),
        "website": "https://layla-haddad.example.com/",
        "twitter": "LaylaHaddadNews",
        "colour": "#6b4c8a",
    },
    {
        "slug": "tomas-ferreira",
        "name": "Tomás Ferreira",
        "title": "Energy Reporter",
        "bio": (
            "<p>Tomás Ferreira reports on oil, gas and power grids, from producer summits to the substations "
            "that keep the lights on. A former petroleum engineer, he says the job mostly taught him which "
            "line of a balance sheet to read first.</p>"
        ),
        "website": "https://tomas-ferreira.example.com/",
        "twitter": "",
        "colour": "#b5702d",
    },
    {
        "slug": "anders-lund",
        "name": "Anders Lund",
        "title": "Data Editor",
        "bio": (
            "<p>Anders Lund leads the data desk, which builds the charts, trackers and "
            '<a href="https://data.example.com/">open datasets</a> behind our reporting. He works from '
            "Copenhagen and is happiest when a spreadsheet disagrees with a press release.</p>"
        ),
        "website": "https://data.example.com/",
        "twitter": "andersplots",
        "colour": "#2f6f73",
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "title": "Staff Writer",
        "bio": (
            "<p>Priya Raman is a staff writer covering climate, public health and South Asia. She joined from "
            "the newsroom's fellowship programme and writes the weekly <em>Field Notes</em> newsletter.</p>"
        ),
        "website": "https://priya-raman.example.com/",
        "twitter": "",
        "colour": "#3d5a98",
    },
]

ARTICLES = [
    {
        "slug": "iraq-summer-blackouts-power-grid",
        "headline": "Iraq's summer of blackouts tests a grid that was never built for this heat",
        "deck": "Demand has outrun supply for a decade; this year the gap is measured in whole neighbourhoods.",
        "summary": (
            "With temperatures above 50C and imported gas running short, Iraq's electricity ministry is "
            "rationing power by district. Families, factories and hospitals are paying for the shortfall."
        ),
        "body": """
<p>By two in the afternoon the generator on Abu Karrar's street in Basra has been running for nine hours.
The state grid delivered power for four hours overnight and none since breakfast, and the private
generator, shared by thirty-one households, is the only thing keeping the air-conditioners alive.</p>
<p>“We pay twice for electricity,” said Abu Karrar, a retired schoolteacher, “once to the government and
once to the man with the diesel.” This summer his monthly generator bill has doubled.</p>
<h2>A gap that keeps widening</h2>
<p>Iraq's peak demand has grown every year since 2015, driven by a young, growing population and by
heat that now routinely passes 50C in the south. Engineers at the electricity ministry estimate that
the grid can reliably supply about two thirds of what the country asks of it on the hottest days.
The rest is rationed through rolling cuts that vary by district, and by who complains loudest.</p>
<blockquote><p>“Every summer we plan for the worst case, and every summer the worst case moves.”
— a senior engineer at the ministry, who asked not to be named</p></blockquote>
<h2>Why gas matters more than power stations</h2>
<p>Much of the country's generating capacity runs on natural gas, and a large share of that gas is
imported. When deliveries fall short, turbines sit idle however new they are. Plans to capture the
gas now flared at southern oilfields would ease the shortage, but the projects have been announced,
delayed and re-announced for years.</p>
<p>In the meantime, the cost falls on households. Our survey of forty generator operators in three
cities found prices up by between 40 and 120 percent since last summer, with the steepest rises in
neighbourhoods furthest from a substation.</p>
""",
        "lead_image_alt": "Abstract illustration: thin pale lines ripple across a deep blue field, one line in amber.",
        "lead_image_caption": "Peak demand on Iraq's grid has risen every summer for a decade.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["tomas-ferreira", "layla-haddad"],
        "regions": ["Iraq", "Middle East"],
        "topics": ["Energy", "Climate"],
        "publish": ago(1, 3),
        "palette": ("#1d4e6b", "#07182a", "#f2a541", "#cfe8f3"),
        "motif": "waves",
    },
    {
        "slug": "euphrates-farmers-shrinking-river",
        "headline": "Along the Euphrates, farmers count the cost of a shrinking river",
        "deck": "Lower flows and saltier water are pushing families off land they have worked for generations.",
        "summary": "",
        "body": """
<p>The pump house on Hussein al-Ali's farm near Deir ez-Zor stands three metres above the water. When his
father built it, the river lapped at the concrete. Now a long black hose snakes down a bank of cracked
mud to reach the channel, and on some mornings there is not enough flow to prime it.</p>
<p>Farmers along the middle Euphrates describe the same pattern: lower water in spring, a shorter
growing season and fields whitened by salt where irrigation water evaporates and leaves its minerals
behind. Wheat yields that once fed extended families now barely cover the cost of seed and fuel.</p>
<h2>Upstream decisions, downstream costs</h2>
<p>The river's flow depends on rainfall in the mountains and on dams far upstream, and both have worked
against the farmers in recent years. Regional water agreements have not kept pace with the pressure on
the river, and local councils say they have little say over releases decided hundreds of kilometres
away.</p>
<blockquote><p>“You cannot negotiate with a river,” said Hussein. “But somebody upstream can.”</p></blockquote>
<h2>Leaving the land</h2>
<p>Aid workers in the area say the young are the first to go, to the towns or further. Some families keep
the farm in name and send one son back at harvest; others have sold their pumps for scrap. A local
agronomist, Mariam Saleh, is testing drought-tolerant barley on a handful of plots, but she cautions
that seed alone will not bring back a river.</p>
<p>For now, Hussein plans to plant a smaller field this year. “Half the land, half the water,” he said.
“And we pray the arithmetic holds.”</p>
""",
        "lead_image_alt": "Abstract illustration: layered sand-coloured ridges beneath a hazy orange sun.",
        "lead_image_caption": "Irrigation channels on the middle Euphrates now run dry for weeks at a time.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["layla-haddad"],
        "regions": ["Syria", "Middle East"],
        "topics": ["Climate", "Economy"],
        "publish": ago(3, 6),
        "palette": ("#e9c48f", "#4a2c2a", "#e8693c", "#f8ead2"),
        "motif": "ridges",
    },
    {
        "slug": "europe-gas-storage-winter-price",
        "headline": "Europe's gas storage is full. Its winter problem is the price.",
        "deck": "Tanks are at record levels, but a cold snap could still send bills back up.",
        "summary": (
            "Storage is not the bottleneck it was two winters ago. Our analysis of wholesale prices shows why "
            "households may still feel a cold spell in their bills."
        ),
        "body": """
<p>Two winters ago, the question in European capitals was whether there would be enough gas at all. This
year the storage sites are close to full well ahead of the heating season, and the question has changed:
how much will the gas cost when everyone wants it at once?</p>
<h2>Full tanks, thin margins</h2>
<p>Storage covers only part of winter demand. The rest arrives day by day through pipelines and as
liquefied natural gas by ship, and that is where prices are set. A cold, windless week raises demand for
heating and for gas-fired power at the same time, and cargoes go to whichever market bids highest.</p>
<p>Our data desk compared wholesale prices over the past five winters. The pattern is consistent: price
spikes track cold spells far more closely than storage levels do.</p>
<ul>
<li>In each of the last five winters, the highest weekly price came during a cold snap.</li>
<li>Storage levels at the time of those spikes ranged from 55 to 85 percent.</li>
<li>The spikes faded within three weeks once temperatures returned to normal.</li>
</ul>
<blockquote><p>“Storage buys you security. It does not buy you a cheap January.” — Ingrid Solberg, a gas
trader in Oslo</p></blockquote>
<h2>What it means for bills</h2>
<p>Most households are shielded from day-to-day wholesale swings by fixed tariffs and price caps, but those
are reset periodically, and a costly winter feeds into next year's rates. Energy analysts at the
<a href="https://www.iea.org/">International Energy Agency</a> and elsewhere have urged governments to
keep efficiency programmes running even as the sense of emergency fades.</p>
""",
        "lead_image_alt": "Abstract chart-like illustration: pale columns rise and fall under a red trend line.",
        "lead_image_caption": "Wholesale gas prices have tracked cold spells more closely than storage levels.",
        "lead_image_credit": "Graphic: Anders Lund / The Newsroom",
        "authors": ["tomas-ferreira", "anders-lund"],
        "regions": ["Europe"],
        "topics": ["Energy", "Economy"],
        "publish": ago(5, 2),
        "palette": ("#b9d3c9", "#1b3a33", "#e4572e", "#f4f7f2"),
        "motif": "bars",
    },
    {
        "slug": "polls-swing-state-turnout",
        "kind": "analysis",
        "headline": "What the polls keep getting wrong about swing-state turnout",
        "deck": "The problem is rarely who voters prefer; it is guessing who will show up at all.",
        "summary": "",
        "body": """
<p>Every election cycle brings a post-mortem on the polls, and every post-mortem finds something
slightly different. But when our data desk looked at state-level polling in closely fought states over
the last four federal elections, one error kept returning: pollsters were better at measuring
preferences than at predicting turnout.</p>
<h2>Likely voters are a model, not a fact</h2>
<p>A poll reports the views of people it reaches; a “likely voter” estimate then decides whose views
count. Those screens lean on past voting and stated enthusiasm, and both can mislead. First-time voters
have no record to lean on, and enthusiasm in September is a weak guide to behaviour in November.</p>
<blockquote><p>“We are quite good at asking people what they think. We are still guessing about what they
will do on a Tuesday in the rain.” — Dana Whitfield, a survey methodologist</p></blockquote>
<h2>How to read this year's numbers</h2>
<p>None of this makes polls useless. It does suggest a few habits for reading them:</p>
<ol>
<li>Look at the range across polls, not the single newest number.</li>
<li>Check whether a poll reports registered or likely voters, and how it defines the latter.</li>
<li>Treat a lead smaller than the historical turnout error as a toss-up, whatever the headline says.</li>
</ol>
<p>We will publish our own polling average, with its assumptions spelled out, in the weeks before the
vote.</p>
""",
        "lead_image_alt": "Abstract chart-like illustration: translucent columns and a gold trend line on navy.",
        "lead_image_caption": "Turnout, not preference, explains most of the polling misses we examined.",
        "lead_image_credit": "Graphic: Anders Lund / The Newsroom",
        "authors": ["anders-lund", "margaret-okafor"],
        "regions": ["United States"],
        "topics": ["Elections", "Technology"],
        "publish": ago(8, 4),
        "palette": ("#34406b", "#0e1330", "#f7b32b", "#d7dcf2"),
        "motif": "bars",
    },
    {
        "slug": "gulf-power-link-iraq",
        "headline": "A Gulf power link promises relief for Iraq, if the cables hold",
        "deck": "A new interconnector could ease southern blackouts, but politics and security will decide how much.",
        "summary": (
            "Officials say a cross-border line could cover a meaningful slice of Basra's summer peak. "
            "We examined the contract, the route and the risks."
        ),
        "body": """
<p>The towers are already standing in the desert south of Basra, a line of steel that will, if all goes
to plan, carry electricity from Gulf grids into Iraq's southern network. Officials on both sides describe
it as a technical project. It is also one of the more delicate pieces of regional diplomacy under way.</p>
<h2>What the line can and cannot do</h2>
<p>At full capacity the interconnector would supply a fraction of Iraq's summer shortfall, enough to
shorten rolling cuts in Basra but not to end them nationally. Its value, engineers say, lies as much in
stability as in volume: a link to a larger grid helps absorb the sudden trips that now black out whole
provinces.</p>
<ul>
<li>Route: roughly 300 km of overhead line, with a converter station near the border.</li>
<li>First phase: a few hundred megawatts, rising in later phases.</li>
<li>Payment: monthly, in dollars, through an account both sides must approve.</li>
</ul>
<h2>The diplomatic wiring</h2>
<p>Iraq already buys power and gas from more than one neighbour, and payments for those purchases have
repeatedly been caught up in sanctions rules and banking delays. Diplomats involved in the talks say the
new contract was written to avoid that trap, with payment terms agreed before the first tower went up.</p>
<blockquote><p>“Electricity is the one thing every Iraqi government is judged on. Nobody in Baghdad can
afford for this line to fail.” — a Western diplomat briefed on the negotiations</p></blockquote>
<p>Security is the other unknown. Transmission lines in Iraq have been sabotaged before, often in remote
stretches that are hard to patrol. The ministry says it will rely on local tribes and drones to watch the
route; critics say that has been tried, with mixed results.</p>
""",
        "lead_image_alt": "Abstract illustration: pale contour rings spread from a glowing amber centre on dark teal.",
        "lead_image_caption": "The interconnector is meant to steady Iraq's southern grid as much as to add supply.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["tomas-ferreira", "layla-haddad", "margaret-okafor"],
        "regions": ["Iraq", "Middle East"],
        "topics": ["Energy", "Diplomacy", "Security"],
        "publish": ago(11, 1),
        "palette": ("#1f4f55", "#061f24", "#f0a830", "#cfeae7"),
        "motif": "rings",
    },
    {
        "slug": "drought-east-africa-herders-cities",
        "headline": "Drought pushes East Africa's herders toward the cities",
        "deck": "Successive failed rains have cost families their herds, and with them a way of life.",
        "summary": "",
        "body": """
<p>Amina Guyo counts her losses in animals. Three years ago her family kept more than eighty goats and a
dozen cattle on the plains of northern Kenya. After four failed rainy seasons, eleven goats remain, and
her husband has gone to look for work in a town two days' walk away.</p>
<p>Across the drylands of East Africa, pastoralist families are making the same calculation. When the
animals die, the savings die with them, and the town offers at least the possibility of wages.</p>
<h2>A slow disaster</h2>
<p>Droughts arrive gradually and rarely make the headlines a flood does. Aid agencies say that is part of
the problem: by the time an emergency is declared, families have already sold what they could and eaten
into their seed and breeding stock.</p>
<blockquote><p>“We used to move with the rain. Now we wait for it, and it does not come.”
— Amina Guyo</p></blockquote>
<h2>What helps</h2>
<p>Programmes that pay out cash or livestock insurance before the worst of a drought, triggered by
satellite measurements of pasture, have shown promising results in pilot areas. Local officials argue
they should be the default rather than the exception, and that water points along migration routes would
let herders stay on the move rather than settle in overcrowded towns.</p>
""",
        "lead_image_alt": "Abstract illustration: layered ochre ridges under a pale, hazy sun.",
        "lead_image_caption": "Four failed rainy seasons have emptied pastures across the region.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["priya-raman"],
        "regions": ["East Africa"],
        "topics": ["Climate", "Economy"],
        "publish": ago(14, 5),
        "palette": ("#f1d9a7", "#5a3a1a", "#f6e3b4", "#fff6e6"),
        "motif": "ridges",
    },
    {
        "slug": "heat-hospitals-south-asia-megacities",
        "headline": "Heat is now a hospital problem in South Asia's megacities",
        "deck": "Doctors are treating heatstroke like a seasonal epidemic, and planning for it the same way.",
        "summary": (
            "Emergency wards in three cities saw admissions for heat illness rise sharply during May's "
            "heatwave. Hospitals are adding cooling rooms and early-warning rotas."
        ),
        "body": """
<p>At the height of May's heatwave, the emergency ward of a large public hospital in Karachi set aside an
entire corridor for heatstroke. Nurses packed patients in ice and wet sheets while fans pushed warm air
around the room. “We treated it like a mass-casualty event,” one doctor said, “because it was one.”</p>
<h2>The numbers behind the wards</h2>
<p>Working with hospital records shared by three city health departments, our data desk found that
admissions for heat-related illness during the hottest fortnight were several times the spring average.
Outdoor workers, older people living alone and people with kidney disease were over-represented.</p>
<blockquote><p>“Heat does not kill in one way. It pushes every weak organ a little further.”
— Dr. Farah Siddiqui, an emergency physician</p></blockquote>
<h2>Planning for the season</h2>
<p>Several cities now publish heat action plans, modelled on schemes first tried in western India, that
open cooling centres, move outdoor work hours and alert hospitals when forecasts cross set thresholds.
The <a href="https://www.who.int/">World Health Organization</a> has encouraged the approach, and doctors
say it works best when clinics, not only city halls, are part of the warning chain.</p>
<p>What the plans cannot change quickly is the city itself: dense neighbourhoods with little shade, tin
roofs that turn rooms into ovens and nights that no longer cool down.</p>
""",
        "lead_image_alt": "Abstract illustration: soft orbs of orange and pale yellow light overlap on deep red.",
        "lead_image_caption": "Emergency wards set aside whole corridors for heatstroke during May's heatwave.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["priya-raman", "anders-lund"],
        "regions": ["South Asia"],
        "topics": ["Health", "Climate"],
        "publish": ago(17, 2),
        "palette": ("#c4473a", "#3b0d11", "#ffb347", "#ffe8b0"),
        "motif": "orbs",
    },
    {
        "slug": "europe-cyber-rules-small-utilities",
        "headline": "Europe's new cyber rules land on the desks of small water and power utilities",
        "deck": "Security obligations once aimed at big operators now reach municipal firms with tiny IT teams.",
        "summary": "",
        "body": """
<p>The municipal water company in a mid-sized town in the Netherlands employs two people in IT. Until last
year, cybersecurity meant antivirus software and a firewall someone had configured a decade ago. Under
the EU's updated network security rules, the company now has to assess its risks, report serious
incidents within a day and show its board has signed off on the plan.</p>
<h2>More firms, more duties</h2>
<p>The rules widen the list of organisations considered essential, pulling in thousands of smaller
utilities, hospitals and transport firms. National regulators are still publishing guidance, and
operators say they are often unsure which obligations apply to them.</p>
<ul>
<li>Risk management measures, signed off by management.</li>
<li>An early warning to authorities within 24 hours of a significant incident.</li>
<li>Checks on suppliers, including the vendors of control systems.</li>
</ul>
<blockquote><p>“The threat did not wait for the regulation. Small utilities were already targets; now they
have to prove they know it.” — Henrik Vos, who advises municipal utilities on security</p></blockquote>
<p>Industry groups are pressing for shared security services, so that a dozen small operators can pool
the cost of monitoring rather than each hiring staff they cannot find.</p>
""",
        "lead_image_alt": "Abstract illustration: concentric rings and cross-hairs around a green glow on near-black.",
        "lead_image_caption": "Thousands of smaller operators now fall under the EU's security rules.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["margaret-okafor"],
        "regions": ["Europe"],
        "topics": ["Technology", "Security", "Energy"],
        "publish": ago(20, 7),
        "palette": ("#22332c", "#070d0b", "#5fd39a", "#c9f0dc"),
        "motif": "rings",
    },
    {
        "slug": "syria-reconstruction-who-pays",
        "kind": "analysis",
        "headline": "Syria's reconstruction question: who pays, and on whose terms?",
        "deck": "Donors, neighbours and investors all want a say in rebuilding; few want to go first.",
        "summary": (
            "Rebuilding Syria's housing, power and water will cost far more than any single donor will "
            "commit. Analysis of what is on the table, and what is holding it back."
        ),
        "body": """
<p>In the old quarter of Homs, the rubble has been cleared from most streets, but many buildings remain
shells. Residents who have returned patch one room at a time, with cement bought at prices that have
tripled in two years. There is no shortage of plans for the city. There is a shortage of anyone willing
to pay for them.</p>
<h2>Money with conditions</h2>
<p>Western donors have long tied reconstruction funding to political change, while regional governments
weigh investment against their own security interests and the return of refugees. Sanctions, and the
banks' fear of breaching them, slow even projects that are formally allowed.</p>
<blockquote><p>“Everyone agrees Syria must be rebuilt. Nobody agrees on who is rebuilding it, or for whom.”
— a humanitarian official in Damascus</p></blockquote>
<h2>Small projects, big gaps</h2>
<p>In the meantime, aid agencies fund what they call early recovery: repairing water pumps, schools and
bakeries rather than rebuilding whole districts. The work is real and welcome, but it is measured in
neighbourhoods when the need is measured in cities.</p>
<p>For families weighing whether to return, the calculation is practical. Is there power for more than a
few hours a day? Is the school open? Will the house still be theirs when they arrive? Until those
answers improve, most say, they will wait.</p>
""",
        "lead_image_alt": "Abstract illustration: dusty rose and grey ridges stacked beneath a pale sun.",
        "lead_image_caption": "Returning residents in Homs rebuild one room at a time.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["layla-haddad", "margaret-okafor"],
        "regions": ["Syria"],
        "topics": ["Diplomacy", "Economy"],
        "publish": ago(24, 3),
        "palette": ("#d8b7b0", "#2e2430", "#f3ddc9", "#faf0ea"),
        "motif": "ridges",
    },
    {
        "slug": "five-charts-fertiliser-squeeze",
        "kind": "explainer",
        "headline": "Five charts that explain the global fertiliser squeeze",
        "deck": "Gas prices, export curbs and a weak currency add up to a hard season for small farmers.",
        "summary": "",
        "body": """
<p>Fertiliser rarely makes the news, but it quietly decides how much food the world grows. Prices have
eased from their peak, yet for many farmers, particularly in East Africa, they remain far above what
they paid five years ago. Our data desk pulled together the numbers behind the squeeze.</p>
<h2>The five charts</h2>
<ol>
<li><strong>Gas sets the floor.</strong> Nitrogen fertiliser is made largely from natural gas, so when gas
prices jump in Europe, so does the cost of making it there.</li>
<li><strong>Exports are concentrated.</strong> A handful of countries supply most of the world's potash and
phosphate, and export curbs in any one of them ripple outward.</li>
<li><strong>Currencies amplify the shock.</strong> Fertiliser is priced in dollars; a weaker local
currency raises the price at the farm gate even when world prices fall.</li>
<li><strong>Small farms cut first.</strong> Surveys show smallholders reduce application rates well before
larger farms do.</li>
<li><strong>Yields follow, a season later.</strong> Lower application shows up in the next harvest, not
this one.</li>
</ol>
<blockquote><p>“The farmer does not see the world price. She sees the price at the shop in town, and this
year she bought half a bag.” — Joseph Mwangi, an agricultural extension officer</p></blockquote>
<h2>Our method</h2>
<p>We combined public price series with household survey data and converted all prices to real local
currency. The full dataset and code are on our
<a href="https://data.example.com/fertiliser/">data repository</a>.</p>
""",
        "lead_image_alt": "Abstract chart-like illustration: pale columns and a coral trend line on deep green.",
        "lead_image_caption": "Farm-gate fertiliser prices remain well above pre-crisis levels in much of East Africa.",
        "lead_image_credit": "Graphic: Anders Lund / The Newsroom",
        "authors": ["anders-lund"],
        "regions": ["Europe", "East Africa"],
        "topics": ["Economy", "Climate"],
        "publish": ago(28, 5),
        "palette": ("#4f7a5a", "#10261a", "#ff7f6e", "#e3f1e6"),
        "motif": "bars",
    },
    {
        "slug": "election-officials-ai-robocalls",
        "headline": "Election officials brace for AI-made robocalls",
        "deck": "Cloned voices are cheap to make and hard to trace; county clerks are writing their playbooks now.",
        "summary": (
            "Synthetic voices can impersonate candidates and officials in minutes. We asked election "
            "administrators in six states how they plan to respond."
        ),
        "body": """
<p>The call would take less than a minute to make. A familiar voice, perhaps the county clerk's, tells
voters that their polling place has moved, or that they can vote by text this year. With consumer AI
tools, cloning a voice from a few seconds of public audio is now trivial, and election officials are
preparing for the moment it happens on a large scale.</p>
<h2>Speed matters more than detection</h2>
<p>Officials we spoke to in six states said they do not expect to catch every fake. Their plans focus on
responding fast: a pre-agreed statement, a list of local radio stations and a single page on the
county website that voters already know to trust.</p>
<blockquote><p>“The lie travels at the speed of a phone network. We have to be at least as fast with the
truth.” — Teresa Alvarez, a county election director</p></blockquote>
<h2>What voters can do</h2>
<p>The advice is old-fashioned. Election offices do not change polling places by phone call, and nobody
can vote by text. When in doubt, check the official county or state election website, or call the
office directly using a number from that site rather than one given in a message.</p>
""",
        "lead_image_alt": "Abstract illustration: fine violet lines ripple across dark plum, one line in red.",
        "lead_image_caption": "County offices are preparing rapid-response plans for fake calls before election day.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["margaret-okafor", "priya-raman"],
        "regions": ["United States"],
        "topics": ["Elections", "Technology", "Security"],
        "publish": ago(33, 2),
        "palette": ("#5b3a6e", "#17091f", "#ff5964", "#e8d9f2"),
        "motif": "waves",
    },
    {
        "slug": "pakistan-solar-boom-grid-rules",
        "headline": "Pakistan's rooftop solar boom is rewriting the grid's rules",
        "deck": "Cheap panels let households step around high tariffs, leaving the utility with a shrinking bill base.",
        "summary": "",
        "body": """
<p>On the flat roofs of Lahore, solar panels have become as common as water tanks. Imported panels now cost
a fraction of what they did five years ago, and for a middle-class household paying some of the highest
electricity tariffs in the region, the maths is simple: a system pays for itself in two or three years.</p>
<h2>Good for households, hard for the grid</h2>
<p>Every rooftop that goes solar buys less from the grid during the day. The utilities' fixed costs, much
of them payments to power plants under long-term contracts, do not shrink with it, and are spread across
fewer paying customers. Tariffs rise, which pushes more customers toward solar.</p>
<blockquote><p>“We are watching the customers who pay the most leave first. That is the definition of a
utility death spiral.” — Kamran Baig, an energy economist in Islamabad</p></blockquote>
<h2>What happens next</h2>
<p>Regulators are weighing changes to net metering that would pay rooftop owners less for the power they
export. Industry groups warn that a sudden change would punish the families who invested early, and
argue for batteries and time-of-day pricing instead.</p>
<p>Either way, the shift is unlikely to reverse. The panels are already on the roofs, and they will be
there for twenty years.</p>
""",
        "lead_image_alt": "Abstract illustration: overlapping discs of warm yellow light on a sky-blue ground.",
        "lead_image_caption": "Imported panels have made rooftop solar affordable for many middle-class households.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["tomas-ferreira"],
        "regions": ["South Asia"],
        "topics": ["Energy", "Climate", "Economy"],
        "publish": ago(39, 4),
        "palette": ("#7fb7d9", "#0f3550", "#ffd23f", "#fff7d1"),
        "motif": "orbs",
    },
    {
        "slug": "baghdad-metro-plan",
        "status": "draft",
        "headline": "Baghdad's metro plan: ambitious, expensive and years away",
        "deck": "The capital's first underground line has a route map and a price tag, but no start date.",
        "summary": "",
        "body": """
<p>Baghdad's traffic is a daily negotiation: checkpoints, double-parked minibuses and a road network built
for a city a fraction of its size. For years, officials have promised a metro. This spring the
transport ministry published a route map for the first line.</p>
<h2>The plan</h2>
<p>The first line would run roughly north to south, linking the densest residential districts to the
centre. [TK: confirm length and number of stations with the ministry before we publish.]</p>
<p>[TK: quote from the commuter interviews, and the financing section.]</p>
""",
        "lead_image_alt": "Abstract illustration: fine grey lines wave across a slate field, one in teal.",
        "lead_image_caption": "",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["priya-raman"],
        "regions": ["Iraq"],
        "topics": ["Economy", "Technology"],
        "publish": None,
        "palette": ("#5d6d7e", "#1c2530", "#3fc1c9", "#e5ebf0"),
        "motif": "waves",
    },
    {
        "slug": "week-ahead-climate-finance-talks",
        "headline": "Week ahead: climate finance talks return to the table",
        "deck": "Negotiators meet again on how much rich countries owe, and who decides how it is spent.",
        "summary": "What to watch as ministers reconvene on climate finance this week.",
        "body": """
<p>Climate ministers and finance officials meet this week to pick up a negotiation that has defeated
several summits: how much money wealthier countries should provide to help poorer ones cut emissions and
adapt to a hotter world, and on what terms.</p>
<h2>What to watch</h2>
<ul>
<li>Whether a new headline figure is agreed, and how much of it is grants rather than loans.</li>
<li>How adaptation, the money for sea walls and drought-resistant crops, is counted.</li>
<li>Whether countries most affected by climate change gain more say over how funds are spent.</li>
</ul>
<blockquote><p>“A number is easy to announce. A number that arrives is the hard part.” — a negotiator from
an East African delegation</p></blockquote>
<p>Our reporters will be following the talks through the week. Expect the real decisions, as usual, in the
final night.</p>
""",
        "lead_image_alt": "Abstract illustration: faint rings around a warm glow on deep blue-green.",
        "lead_image_caption": "Negotiators return to the question of climate finance this week.",
        "lead_image_credit": "Illustration: The Newsroom graphics desk",
        "authors": ["margaret-okafor"],
        "regions": ["Europe", "East Africa"],
        "topics": ["Climate", "Diplomacy"],
        "publish": timedelta(days=3),
        "palette": ("#245a6b", "#071c24", "#ff9f43", "#d8eef2"),
        "motif": "rings",
    },
]

# The logins the demo prints. Each is linked to the author profile it writes as.
USERS = [
    {
        "label": "Editor",
        "username": "editor",
        "password": "editor-demo-pass",
        "group": EDITORS,
        "author": "margaret-okafor",
    },
    {
        "label": "Writer",
        "username": "writer",
        "password": "writer-demo-pass",
        "group": WRITERS,
        "author": "priya-raman",
    },
    {"label": "Administrator", "username": "admin", "password": "admin-demo-pass", "group": None, "author": None},
]
