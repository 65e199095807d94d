/**
 * A small network of our own beside the seed (Chengdu and Chongqing, not the seed's cities), for paths
 * that must choose between relationship types and go around hidden nodes. From 周明 to 重庆市:
 *   via MENTIONS, 2 hops:   周明 ←MENTIONS– 《川渝报道》 –MENTIONS→ 重庆市
 *   via 成都市, 3 hops:     周明 –MEMBER_OF→ 成都工会 –LOCATED_IN→ 成都市 –COOPERATES_WITH→ 重庆市
 *   via the event, 4 hops:  周明 –PARTICIPATED_IN→ 川渝论坛 –LOCATED_IN→ 绵阳市 –PART_OF→ 四川省 –COOPERATES_WITH→ 重庆市
 * Nothing links it to the seed.
 */
import type { GraphDb } from "../../core/node/graph-db.ts";

export const PATH_FIXTURE = {
  from: "test:person:zhou-ming",
  to: "test:region:chongqing",
  article: "test:article:chuanyu",
  chengdu: "test:region:chengdu",
  event: "test:event:forum",
} as const;

export async function createPathFixture(db: GraphDb): Promise<void> {
  await db.runAutoCommit(
    `CREATE (p:Person {id: 'test:person:zhou-ming', name: '周明', nameEn: 'Zhou Ming'})
     CREATE (cq:Region {id: 'test:region:chongqing', name: '重庆市', nameEn: 'Chongqing', level: 'city'})
     CREATE (art:Article {id: 'test:article:chuanyu', name: '川渝报道', title: '川渝报道',
       text: '成都讯 本报记者报道。川渝两地工会今年签署合作协议。周明参加了川渝论坛。重庆市代表出席。'})
     CREATE (o:Organisation {id: 'test:org:chengdu-union', name: '成都工会', nameEn: 'Chengdu union', kind: 'union'})
     CREATE (cd:Region {id: 'test:region:chengdu', name: '成都市', nameEn: 'Chengdu', level: 'city'})
     CREATE (e:Event {id: 'test:event:forum', name: '川渝论坛', nameEn: 'Sichuan–Chongqing forum'})
     CREATE (my:Region {id: 'test:region:mianyang', name: '绵阳市', nameEn: 'Mianyang', level: 'city'})
     CREATE (sc:Region {id: 'test:region:sichuan', name: '四川省', nameEn: 'Sichuan', level: 'province'})
     CREATE (art)-[:MENTIONS {evidence: ['周明参加了川渝论坛。'], articles: ['test:article:chuanyu']}]->(p)
     CREATE (art)-[:MENTIONS {evidence: ['重庆市代表出席。'], articles: ['test:article:chuanyu']}]->(cq)
     CREATE (p)-[:MEMBER_OF {evidence: ['x'], articles: ['test:article:chuanyu']}]->(o)
     CREATE (o)-[:LOCATED_IN {evidence: ['x'], articles: ['test:article:chuanyu']}]->(cd)
     CREATE (cd)-[:COOPERATES_WITH {evidence: ['川渝两地工会今年签署合作协议。'], articles: ['test:article:chuanyu']}]->(cq)
     CREATE (p)-[:PARTICIPATED_IN {evidence: ['周明参加了川渝论坛。'], articles: ['test:article:chuanyu']}]->(e)
     CREATE (e)-[:LOCATED_IN {evidence: ['x'], articles: ['test:article:chuanyu']}]->(my)
     CREATE (my)-[:PART_OF {evidence: ['x'], articles: ['test:article:chuanyu']}]->(sc)
     CREATE (sc)-[:COOPERATES_WITH {evidence: ['x'], articles: ['test:article:chuanyu']}]->(cq)`,
  );
}
