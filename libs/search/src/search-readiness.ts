import { Injectable } from '@nestjs/common';

/** Whether the search engine finished its start-up (settings applied, embedded index rebuilt). */
@Injectable()
export class SearchReadiness {
  private state: { ready: boolean; problem?: string } = { ready: false, problem: 'starting' };

  markReady(): void {
    this.state = { ready: true };
  }

  markFailed(problem: string): void {
    this.state = { ready: false, problem };
  }

  get ready(): boolean {
    return this.state.ready;
  }

  get problem(): string | undefined {
    return this.state.problem;
  }
}
