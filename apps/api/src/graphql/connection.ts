import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoModel } from '../listings/listing.models.js';

/** What a connection's descriptions say about its nodes (Chinese, then English). */
export interface ConnectionWords {
  /** 一项是什么，如“服务机构排名” / what one node is. */
  readonly zh: string;
  readonly en: string;
  /** 排序，如“排名靠前的在前” / the order. */
  readonly orderZh: string;
  readonly orderEn: string;
  /** totalCount 的单位，如“家”“条” / the unit of totalCount. */
  readonly unit: string;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfoModel;
  totalCount: number;
}

/**
 * `<Name>Connection` and `<Name>Edge` for `node` (ADR 0032): the Relay shape every list that can
 * grow has — edges with cursors, pageInfo and totalCount — for connections added beside a plain list.
 */
export function connectionOf<T>(node: Type<T>, name: string, w: ConnectionWords): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `${w.zh}分页中的一项 (one ${w.en} of a page)` })
  class Edge {
    @Field({ description: '游标，传给 after 以取下一页 (cursor; pass to after for the next page)' }) cursor: string;
    @Field(() => node, { description: `${w.zh} (the ${w.en})` }) node: T;
  }

  @ObjectType(`${name}Connection`, { description: `${w.zh}分页，${w.orderZh} (a page of ${w.en}s, ${w.orderEn})` })
  class Connection {
    @Field(() => [Edge], { description: '本页 (this page)' }) edges: Edge[];
    @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
    @Field(() => Int, { description: `总数，单位：${w.unit} (how many in all)` }) totalCount: number;
  }
  return Connection;
}
